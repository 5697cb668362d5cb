# Tcl expect as a benchmark subject, with its default settings.
#
#   expect -f expect_subject.tcl END LOG TTY ?PROMPT REPLY?
#
# Opens TTY, logs what it reads to LOG, answers each PROMPT (a regex) with REPLY, and stops at
# END (a regex). Prints "ready cpu_us=N" once the tty is open and "done cpu_us=N hwm_kb=N" at
# the end. Tcl has no getrusage: CPU comes from /proc/self/stat in clock ticks (100 per second).

proc cpu_us {} {
    set f [open /proc/self/stat r]
    set stat [read $f]
    close $f
    # Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    set rest [string range $stat [expr {[string last ")" $stat] + 2}] end]
    return [expr {([lindex $rest 11] + [lindex $rest 12]) * 10000}]
}

proc hwm_kb {} {
    set f [open /proc/self/status r]
    set kb -1
    while {[gets $f line] >= 0} {
        if {[regexp {^VmHWM:\s+(\d+)} $line -> kb]} { break }
    }
    close $f
    return $kb
}

lassign $argv end log tty prompt reply
set chan [open $tty {RDWR NOCTTY}]
fconfigure $chan -translation binary
spawn -noecho -open $chan
log_user 0
# -a: log what log_user 0 keeps off the terminal too
log_file -a -noappend $log
set timeout -1
puts "ready cpu_us=[cpu_us]"
flush stdout
if {$prompt eq ""} {
    expect -re $end
} else {
    expect {
        -re $prompt { send -- $reply; exp_continue }
        -re $end
    }
}
log_file
puts "done cpu_us=[cpu_us] hwm_kb=[hwm_kb]"
