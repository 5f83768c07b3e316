/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Raw-ioctl helpers for the core tests. These tests exercise the kernel
 * ABI directly (not through libkevent), so that a library bug cannot hide
 * a kernel one. Each helper returns the result or -errno.
 */
#ifndef KT_H
#define KT_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/kevent.h>

#include "tap.h"

static inline int kt_dev(void)
{
	static int dev = -1;

	if (dev < 0)
		dev = open(KEVENT_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	return dev;
}

static inline int kt_ret(int r)
{
	return r < 0 ? -errno : r;
}

/* Create; returns the fd or -errno. *existed may be NULL. */
static inline int kt_create_ex(const char *name, uint32_t flags, uint32_t mode,
			       int *existed)
{
	struct kevent_create_args a = {
		.name = (uintptr_t)name,
		.name_len = name ? strlen(name) : 0,
		.flags = flags,
		.mode = mode,
	};
	int r = ioctl(kt_dev(), KEVENT_IOC_CREATE, &a);

	if (r < 0)
		return -errno;
	if (existed)
		*existed = !!(a.result & KEVENT_RESULT_EXISTED);
	return a.fd;
}

static inline int kt_create(const char *name, uint32_t flags)
{
	return kt_create_ex(name, flags, 0, NULL);
}

static inline int kt_open(const char *name, uint32_t access)
{
	struct kevent_open_args a = {
		.name = (uintptr_t)name,
		.name_len = strlen(name),
		.access = access,
	};
	int r = ioctl(kt_dev(), KEVENT_IOC_OPEN, &a);

	return r < 0 ? -errno : a.fd;
}

static inline int kt_unlink(const char *name)
{
	struct kevent_unlink_args a = {
		.name = (uintptr_t)name,
		.name_len = strlen(name),
	};

	return kt_ret(ioctl(kt_dev(), KEVENT_IOC_UNLINK, &a));
}

static inline int kt_op(int fd, unsigned long cmd)
{
	uint32_t prev = 0xdead;
	int r = ioctl(fd, cmd, &prev);

	return r < 0 ? -errno : (int)prev;
}

#define kt_set(fd)	kt_op(fd, KEVENT_IOC_SET)
#define kt_reset(fd)	kt_op(fd, KEVENT_IOC_RESET)
#define kt_pulse(fd)	kt_op(fd, KEVENT_IOC_PULSE)

static inline int kt_query(int fd, struct kevent_query_args *q)
{
	memset(q, 0xa5, sizeof(*q));
	return kt_ret(ioctl(fd, KEVENT_IOC_QUERY, q));
}

/* The state (0/1) or -errno. */
static inline int kt_state(int fd)
{
	struct kevent_query_args q;
	int r = kt_query(fd, &q);

	return r < 0 ? r : (int)q.state;
}

/* Wait on fds[0..n); returns the index (any) / 0 (all) or -errno. */
static inline int kt_waitv(const int *fds, unsigned int n, uint32_t flags,
			   uint64_t timeout)
{
	struct kevent_wait_args a = {
		.timeout = timeout,
		.fds = (uintptr_t)fds,
		.count = n,
		.flags = flags,
	};
	int r = ioctl(kt_dev(), KEVENT_IOC_WAIT, &a);

	return r < 0 ? -errno : (int)a.index;
}

static inline int kt_wait(int fd, uint64_t timeout)
{
	return kt_waitv(&fd, 1, 0, timeout);
}

#define KT_MS	1000000ULL

static inline uint64_t kt_now(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* Read one "kevent-<key>:" field of /proc/self/fdinfo/<fd>; -1 if absent. */
static inline long kt_fdinfo(int fd, const char *key)
{
	char path[64], line[512];
	size_t klen = strlen(key);
	long val = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "kevent-", 7) && !strncmp(line + 7, key, klen) &&
		    line[7 + klen] == ':') {
			val = strtol(line + 8 + klen, NULL, 10);
			break;
		}
	}
	fclose(f);
	return val;
}

/* Wait (up to ~10 s) until @fd's event has exactly @n queued waiters. */
static inline int kt_wait_waiters(int fd, long n)
{
	int i;

	for (i = 0; i < 10000; i++) {
		if (kt_fdinfo(fd, "waiters") == n)
			return 0;
		usleep(1000);
	}
	return -1;
}

/* Stop @pid (a child) with SIGSTOP, wait until it is stopped, continue it. */
static inline void kt_stop_cont(pid_t pid)
{
	int status;

	kill(pid, SIGSTOP);
	waitpid(pid, &status, WUNTRACED);
	usleep(50000);
	kill(pid, SIGCONT);
}

static inline int kt_readable(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

/* kevent's module parameters (/sys/module/kevent/parameters/NAME). */
static inline long kt_param(const char *name)
{
	char path[128];
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/kevent/parameters/%s", name);
	f = fopen(path, "r");
	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

static inline int kt_set_param(const char *name, long v)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/kevent/parameters/%s", name);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "%ld\n", v);
	return fclose(f);
}

/*
 * KEY=N on the kernel command line (how `make vm-fuzz` and friends pass
 * parameters to a guest program), else @def.
 */
static inline unsigned long long kt_cmdline_value(const char *key, unsigned long long def)
{
	char buf[4096], *p;
	size_t klen = strlen(key);
	FILE *f = fopen("/proc/cmdline", "r");
	unsigned long long v = def;

	if (!f)
		return def;
	if (fgets(buf, sizeof(buf), f))
		for (p = strstr(buf, key); p; p = strstr(p + 1, key))
			if ((p == buf || p[-1] == ' ') && p[klen] == '=')
				v = strtoull(p + klen + 1, NULL, 0);
	fclose(f);
	return v;
}

/* write(2) of @str to @path: 0 or -errno. */
static inline int kt_write_file(const char *path, const char *str)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), r;

	if (fd < 0)
		return -errno;
	r = write(fd, str, strlen(str)) == (ssize_t)strlen(str) ? 0 : -errno;
	close(fd);
	return r;
}

/* 1 if /proc/kevent lists @name (as its first field), else 0. */
static inline int kt_proc_lists(const char *name)
{
	char line[600], n[520];
	int found = 0;
	FILE *f = fopen("/proc/kevent", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%519s", n) == 1 && !strcmp(n, name))
			found = 1;
	if (f)
		fclose(f);
	return found;
}

/* How many anonymous events the caller can still create, up to @max (<= 64). */
static inline int kt_capacity(int max)
{
	int fds[64], n, i;

	for (n = 0; n < max && n < 64; n++) {
		fds[n] = kt_create(NULL, 0);
		if (fds[n] < 0)
			break;
	}
	for (i = 0; i < n; i++)
		close(fds[i]);
	return n;
}

#endif /* KT_H */
