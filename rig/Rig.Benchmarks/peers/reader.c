/*
 * The physical baseline of the console benchmarks: poll, read, write the raw log, and a
 * substring search over new bytes only (plus the few bytes a match can straddle). Nothing a
 * console reader could skip.
 *
 *   reader [--reply PROMPT REPLY] END LOGDIR TTY...
 *
 * LOGDIR "-" keeps no log: the bare reader the reference figures describe.
 * Prints "ready cpu_us=N" once every tty is open, answers each PROMPT with REPLY, and when
 * every tty has shown END prints "done cpu_us=N hwm_kb=N bytes=N" and exits.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#define MAX_TTYS 64
#define CHUNK (64 * 1024)

struct tty {
    int fd, log;
    int ended;
    char tail[256];   /* the last bytes of the previous chunk: a match may straddle two reads */
    size_t tail_len;
};

static long long cpu_us(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000000LL + u.ru_utime.tv_usec + u.ru_stime.tv_usec;
}

static long hwm_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "VmHWM: %ld", &kb) == 1) break;
    if (f) fclose(f);
    return kb;
}

/* Counts the occurrences of pat in the tail joined to the new bytes, looking at new bytes only. */
static int occurrences(const struct tty *t, const char *data, size_t len, const char *pat, size_t plen)
{
    int found = 0;
    /* Straddling matches: the tail's last plen-1 bytes with the chunk's first plen-1 bytes. */
    char seam[512];
    size_t from_tail = t->tail_len < plen - 1 ? t->tail_len : plen - 1;
    size_t from_data = len < plen - 1 ? len : plen - 1;
    memcpy(seam, t->tail + t->tail_len - from_tail, from_tail);
    memcpy(seam + from_tail, data, from_data);
    for (const char *s = seam, *end = seam + from_tail + from_data; (s = memmem(s, (size_t)(end - s), pat, plen)); s++)
        if (s < seam + from_tail) found++;
    for (const char *s = data, *end = data + len; (s = memmem(s, (size_t)(end - s), pat, plen)); s += plen)
        found++;
    return found;
}

static void keep_tail(struct tty *t, const char *data, size_t len)
{
    if (len >= sizeof t->tail) { memcpy(t->tail, data + len - sizeof t->tail, sizeof t->tail); t->tail_len = sizeof t->tail; return; }
    size_t keep = t->tail_len + len > sizeof t->tail ? sizeof t->tail - len : t->tail_len;
    memmove(t->tail, t->tail + t->tail_len - keep, keep);
    memcpy(t->tail + keep, data, len);
    t->tail_len = keep + len;
}

int main(int argc, char **argv)
{
    const char *prompt = NULL, *reply = NULL;
    int a = 1;
    if (argc > 3 && strcmp(argv[1], "--reply") == 0) { prompt = argv[2]; reply = argv[3]; a = 4; }
    if (argc - a < 3 || argc - a - 2 > MAX_TTYS) { fprintf(stderr, "usage: reader [--reply PROMPT REPLY] END LOGDIR TTY...\n"); return 2; }
    const char *end = argv[a], *logdir = argv[a + 1];
    size_t elen = strlen(end), plen = prompt ? strlen(prompt) : 0, rlen = reply ? strlen(reply) : 0;
    if (elen == 0 || elen > 255 || plen > 255) { fprintf(stderr, "reader: patterns must be 1..255 bytes\n"); return 2; }
    int n = argc - a - 2;
    static struct tty ttys[MAX_TTYS];
    struct pollfd fds[MAX_TTYS];
    for (int i = 0; i < n; i++) {
        char path[4096];
        ttys[i].fd = open(argv[a + 2 + i], O_RDWR | O_NOCTTY | O_NONBLOCK);
        snprintf(path, sizeof path, "%s/%d.raw", logdir, i);
        ttys[i].log = strcmp(logdir, "-") == 0 ? -2 : open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (ttys[i].fd < 0 || ttys[i].log == -1) { perror(argv[a + 2 + i]); return 2; }
        fds[i].fd = ttys[i].fd;
        fds[i].events = POLLIN;
    }
    printf("ready cpu_us=%lld\n", cpu_us());
    fflush(stdout);
    static char buf[CHUNK];
    long long bytes = 0;
    int open_ttys = n;
    while (open_ttys > 0) {
        if (poll(fds, (nfds_t)n, -1) < 0) { if (errno == EINTR) continue; perror("poll"); return 2; }
        for (int i = 0; i < n; i++) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            ssize_t r = read(fds[i].fd, buf, CHUNK);
            if (r <= 0) {
                if (r < 0 && (errno == EAGAIN || errno == EINTR)) continue;
                fprintf(stderr, "reader: tty %d hung up before the end marker\n", i);
                return 1;
            }
            bytes += r;
            if (ttys[i].log >= 0 && write(ttys[i].log, buf, (size_t)r) != r) { perror("log"); return 2; }
            struct tty *t = &ttys[i];
            if (prompt)
                for (int k = occurrences(t, buf, (size_t)r, prompt, plen); k > 0; k--)
                    if (write(t->fd, reply, rlen) != (ssize_t)rlen) { perror("reply"); return 2; }
            if (!t->ended && occurrences(t, buf, (size_t)r, end, elen) > 0) {
                t->ended = 1;
                fds[i].fd = -fds[i].fd - 1; /* poll ignores it from now on */
                open_ttys--;
            }
            keep_tail(t, buf, (size_t)r);
        }
    }
    printf("done cpu_us=%lld hwm_kb=%ld bytes=%lld\n", cpu_us(), hwm_kb(), bytes);
    return 0;
}
