/* Preloaded into Kannel by bench/kannel_throughput.sh when KANNEL_NODELAY=1: every TCP
 * socket Kannel opens or accepts gets TCP_NODELAY. Kannel leaves Nagle's algorithm on
 * for the link between smsbox and bearerbox; with delivery reports on, both ends write
 * small messages and each waits for the other's delayed ACK (40 ms), which sets Kannel's
 * rate whatever the client does (bench/README.md, session 13). Both sides of the ratio
 * run against the same Kannel, so the figure stays a comparison.
 *   gcc -O2 -shared -fPIC -o nodelay.so nodelay.c -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

static void nodelay(int fd) {
    int on = 1;
    (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

int connect(int fd, const struct sockaddr *addr, socklen_t len) {
    static int (*real)(int, const struct sockaddr *, socklen_t);
    if (!real) real = (int (*)(int, const struct sockaddr *, socklen_t))dlsym(RTLD_NEXT, "connect");
    if (addr && (addr->sa_family == AF_INET || addr->sa_family == AF_INET6)) nodelay(fd);
    return real(fd, addr, len);
}

int accept(int fd, struct sockaddr *addr, socklen_t *len) {
    static int (*real)(int, struct sockaddr *, socklen_t *);
    if (!real) real = (int (*)(int, struct sockaddr *, socklen_t *))dlsym(RTLD_NEXT, "accept");
    int client = real(fd, addr, len);
    if (client >= 0) nodelay(client);
    return client;
}

int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags) {
    static int (*real)(int, struct sockaddr *, socklen_t *, int);
    if (!real) real = (int (*)(int, struct sockaddr *, socklen_t *, int))dlsym(RTLD_NEXT, "accept4");
    int client = real(fd, addr, len, flags);
    if (client >= 0) nodelay(client);
    return client;
}
