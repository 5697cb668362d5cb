#!/usr/bin/python3
"""pexpect as a benchmark subject, with its default settings, as most lab scripts use it.

    pexpect_subject.py END LOG TTY [PROMPT REPLY]

Opens TTY, logs what it reads to LOG, answers each PROMPT (a regex) with REPLY, and stops at
END (a regex). Prints "ready cpu_us=N" once the tty is open and "done cpu_us=N hwm_kb=N" at the end.
"""
import os
import resource
import sys

import pexpect.fdpexpect


def cpu_us():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return int((u.ru_utime + u.ru_stime) * 1e6)


def hwm_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


def main():
    end, log, tty = sys.argv[1:4]
    reply = sys.argv[4:6]
    fd = os.open(tty, os.O_RDWR | os.O_NOCTTY)
    with open(log, "wb") as logfile:
        child = pexpect.fdpexpect.fdspawn(fd, timeout=None)
        child.logfile_read = logfile
        patterns = [end.encode()] + ([reply[0].encode()] if reply else [])
        print(f"ready cpu_us={cpu_us()}", flush=True)
        while child.expect(patterns) != 0:
            child.send(reply[1].encode())
    print(f"done cpu_us={cpu_us()} hwm_kb={hwm_kb()}", flush=True)


main()
