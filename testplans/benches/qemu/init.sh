#!/bin/busybox sh
# PID 1 of the QEMU test device: mounts, network, then the configuration's services and console.
/bin/busybox --install -s
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/pts
mount -t devpts devpts /dev/pts
hostname -F /etc/hostname
echo "qcam: init (busybox $(busybox | head -n 1 | cut -d' ' -f2))"
insmod /lib/modules/e1000.ko
ip link set lo up
ip link set eth0 up
ip addr add 10.0.2.15/24 dev eth0
ip route add default via 10.0.2.2
echo "qcam: eth0 10.0.2.15/24"
printf '%s\n' "export PS1='\\u@\\h:\\w\\$ '" 'export HOME=/root' > /etc/profile
echo 'qcam web admin' > /www/index.html
. /etc/rig/device.sh
start_services
console_inittab > /etc/inittab
exec /sbin/init
