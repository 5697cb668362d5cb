# The vulnerable configuration: a root shell on the console without a login, telnet accepting
# Mirai's first pair, the Wi-Fi passphrase in the boot log, and a TR-069 port nobody declared.
root_password=xc3511

start_services() {
  echo "wlan0: connecting to ssid=qcam-lab psk=sunflower-7731"
  telnetd -p 23 -l /bin/login && echo "Starting telnetd: OK"
  httpd -p 80 -h /www && echo "Starting httpd: OK"
  mkdir -p /www/cwmp && echo 'cwmp' > /www/cwmp/index.html
  httpd -p 7547 -h /www/cwmp && echo "Starting cwmpd: OK"
}

console_inittab() {
  echo 'ttyS0::respawn:-/bin/sh'
}
