/*
 * The device side of the console benchmarks: owns the pseudo-terminals' master ends, as a
 * device's UART would, so every subject (Rig, the raw C reader, expect, pexpect) opens a real
 * tty by path and is timed on the same stream.
 *
 *   device stream FILE            one pty; writes FILE as fast as the reader takes it
 *   device latency COUNT [WARMUP] one pty; WARMUP untimed then COUNT timed times: a login prompt,
 *                                 then wait for the reply line
 *   device hangup                 one pty; a line, then wait for the reader's answer line, then close
 *                                 the master: the tty's other side hangs up, as an unplugged adapter
 *   device paced N BYTES_PER_S SECONDS
 *                                 N ptys; 64-byte chunks to each at the paced rate, then the end marker
 *
 * Protocol on stdout: one "tty PATH" line per pty, then the device waits for "go" on stdin,
 * works, prints one result line ("sent BYTES", "latency ..."), and keeps the masters open
 * until stdin closes (closing a master hangs up the reader, and could drop data it has not read).
 * Lines are set raw (cfmakeraw) on the master: no echo, no newline translation, for every subject.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define PROMPT "\r\nrig-dut login: "
#define END_MARKER "BENCH-END 0123456789abcdef\r\n"
#define MAX_PTYS 64

static void die(const char *what) { perror(what); exit(2); }

static long long now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int open_pty(void)
{
    int fd = posix_openpt(O_RDWR | O_NOCTTY);
    if (fd < 0 || grantpt(fd) < 0 || unlockpt(fd) < 0) die("posix_openpt");
    struct termios t;
    if (tcgetattr(fd, &t) < 0) die("tcgetattr");
    cfmakeraw(&t);
    if (tcsetattr(fd, TCSANOW, &t) < 0) die("tcsetattr");
    printf("tty %s\n", ptsname(fd));
    return fd;
}

/* Waits for "go"; anything else (or end of input) ends the device. */
static void wait_go(void)
{
    char line[64];
    fflush(stdout);
    if (!fgets(line, sizeof line, stdin) || strncmp(line, "go", 2) != 0) exit(0);
}

/* Holds the masters open until the harness closes stdin. */
static void linger(void)
{
    char line[64];
    fflush(stdout);
    while (fgets(line, sizeof line, stdin)) {}
}

/* Writes all of buf, waiting in poll while the tty's buffer is full. */
static void write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n > 0) { buf += n; len -= (size_t)n; continue; }
        if (n < 0 && errno != EAGAIN && errno != EINTR) die("write");
        struct pollfd p = { fd, POLLOUT, 0 };
        poll(&p, 1, -1);
    }
}

static int stream(const char *path)
{
    int master = open_pty();
    int file = open(path, O_RDONLY);
    if (file < 0) die(path);
    wait_go();
    static char buf[1 << 16];
    long long sent = 0;
    for (;;) {
        ssize_t n = read(file, buf, sizeof buf);
        if (n < 0) die("read");
        if (n == 0) break;
        write_all(master, buf, (size_t)n);
        sent += n;
    }
    printf("sent bytes=%lld\n", sent);
    linger();
    return 0;
}

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

/* The first `warmup` round trips are not timed: every tool gets them, and a JIT compiles its hot path there. */
static int latency(int count, int warmup)
{
    int master = open_pty();
    long long *rtt = calloc((size_t)count, sizeof *rtt);
    if (!rtt) die("calloc");
    wait_go();
    char buf[4096];
    for (int i = -warmup; i < count; i++) {
        write_all(master, PROMPT, sizeof PROMPT - 1);
        long long t0 = now_ns(); /* the prompt's last byte is in the tty */
        for (;;) {
            struct pollfd p = { master, POLLIN, 0 };
            if (poll(&p, 1, 30000) <= 0) { fprintf(stderr, "device: no reply to prompt %d in 30 s\n", i); printf("latency timeout %d\n", i); linger(); return 1; }
            ssize_t n = read(master, buf, sizeof buf);
            if (n < 0 && errno != EAGAIN && errno != EINTR) die("read");
            if (n > 0 && (memchr(buf, '\r', (size_t)n) || memchr(buf, '\n', (size_t)n))) break;
        }
        if (i >= 0) rtt[i] = now_ns() - t0;
    }
    write_all(master, "\r\n" END_MARKER, sizeof END_MARKER + 1);
    qsort(rtt, (size_t)count, sizeof *rtt, cmp_ll);
    long long sum = 0;
    for (int i = 0; i < count; i++) sum += rtt[i];
    printf("latency count=%d p50_ns=%lld p99_ns=%lld max_ns=%lld mean_ns=%lld\n", count,
           rtt[count / 2], rtt[(int)((count - 1) * 0.99)], rtt[count - 1], sum / count);
    linger();
    return 0;
}

static int hangup(void)
{
    int master = open_pty();
    wait_go();
    static const char line[] = "hang-up test: answer a line\r\n";
    write_all(master, line, sizeof line - 1);
    char buf[256];
    for (;;) {
        struct pollfd p = { master, POLLIN, 0 };
        if (poll(&p, 1, 30000) <= 0) { printf("hungup answered=0\n"); linger(); return 1; }
        ssize_t n = read(master, buf, sizeof buf);
        if (n < 0 && errno != EAGAIN && errno != EINTR) die("read");
        if (n > 0 && (memchr(buf, '\r', (size_t)n) || memchr(buf, '\n', (size_t)n))) break;
    }
    close(master);
    printf("hungup answered=1\n");
    linger();
    return 0;
}

/* A boot-log-like line, 64 bytes with its CR LF. */
static const char LINE[] = "[   12.345678] usb 1-1: new high-speed USB device number 3 ok.\r\n";
_Static_assert(sizeof LINE - 1 == 64, "a line is one 64-byte chunk");

static int paced(int n, long bytes_per_s, int seconds)
{
    if (n < 1 || n > MAX_PTYS || bytes_per_s < 64 || seconds < 1) { fprintf(stderr, "device: bad paced arguments\n"); return 2; }
    int fds[MAX_PTYS];
    for (int i = 0; i < n; i++) fds[i] = open_pty();
    wait_go();
    long long period = 64LL * 1000000000LL / bytes_per_s; /* one 64-byte chunk per slot per period */
    long long chunks = (long long)seconds * bytes_per_s / 64;
    long long start = now_ns(), sent = 0;
    for (long long c = 0; c < chunks; c++) {
        /* Slots are staggered across the period, as independent devices would be. */
        for (int i = 0; i < n; i++) {
            long long due = start + c * period + period * i / n;
            struct timespec t = { (time_t)(due / 1000000000LL), (long)(due % 1000000000LL) };
            while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL) == EINTR) {}
            write_all(fds[i], LINE, 64);
            sent += 64;
        }
    }
    for (int i = 0; i < n; i++) { write_all(fds[i], END_MARKER, sizeof END_MARKER - 1); sent += sizeof END_MARKER - 1; }
    printf("sent bytes=%lld seconds_ns=%lld\n", sent, now_ns() - start);
    linger();
    return 0;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc == 3 && strcmp(argv[1], "stream") == 0) return stream(argv[2]);
    if ((argc == 3 || argc == 4) && strcmp(argv[1], "latency") == 0) return latency(atoi(argv[2]), argc == 4 ? atoi(argv[3]) : 0);
    if (argc == 2 && strcmp(argv[1], "hangup") == 0) return hangup();
    if (argc == 5 && strcmp(argv[1], "paced") == 0) return paced(atoi(argv[2]), atol(argv[3]), atoi(argv[4]));
    fprintf(stderr, "usage: device stream FILE | latency COUNT [WARMUP] | hangup | paced N BYTES_PER_S SECONDS\n");
    return 2;
}
