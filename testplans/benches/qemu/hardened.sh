# The hardened configuration: a login on the console with the per-device root password, no
# telnet, the web UI only, and nothing secret printed.
root_password=

start_services() {
  httpd -p 80 -h /www && echo "Starting httpd: OK"
}

console_inittab() {
  echo 'ttyS0::respawn:/sbin/getty -L 115200 ttyS0 vt100'
}
