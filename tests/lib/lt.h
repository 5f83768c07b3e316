/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for the libkevent tests (tests/lib/). These go through the
 * library only; tests/core exercises the raw ioctls.
 */
#ifndef LT_H
#define LT_H

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <kevent.h>

#include "tap.h"

/* The uid of the unprivileged guest user. */
#define LT_UID	1000
#define LT_GID	1000

/* A name unique to this process and call, so tests never collide. */
static inline const char *lt_name(const char *tag)
{
	static char buf[8][64];
	static int next;
	char *b = buf[next++ % 8];

	snprintf(b, sizeof(buf[0]), "lt-%s-%ld", tag, (long)getpid());
	return b;
}

static inline long long lt_now_ms(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* now + ms on clock, as a timespec deadline. */
static inline struct timespec lt_deadline(clockid_t clock, long ms)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	return ts;
}

/* Run -1 with errno err: both must hold. */
#define lt_fails(expr, err, ...) ({					\
	errno = 0;							\
	long long __r = (long long)(expr);				\
	int __e = errno;						\
	int __p = ok(__r == -1 && __e == (err), __VA_ARGS__);		\
	if (!__p)							\
		diag("  %s returned %lld, errno %d (%s); want -1, %s",	\
		     #expr, __r, __e, strerror(__e), #err);		\
	__p;								\
})

/* expr returns want (not -1): with errno's name when it failed. */
#define lt_is(expr, want, ...) ({					\
	errno = 0;							\
	long long __r = (long long)(expr);				\
	int __e = errno;						\
	int __p = ok(__r == (long long)(want), __VA_ARGS__);		\
	if (!__p)							\
		diag("  %s returned %lld (errno %d: %s), want %lld",	\
		     #expr, __r, __e, strerror(__e), (long long)(want)); \
	__p;								\
})

/* Set an event from another thread after a delay. */
struct lt_setter {
	pthread_t thread;
	int ev;
	int delay_ms;
	int (*op)(int ev);
};

static inline void *lt_setter_main(void *arg)
{
	struct lt_setter *s = arg;

	usleep(s->delay_ms * 1000);
	s->op(s->ev);
	return NULL;
}

static inline void lt_set_later(struct lt_setter *s, int ev, int delay_ms)
{
	s->ev = ev;
	s->delay_ms = delay_ms;
	if (!s->op)
		s->op = kev_set;
	if (pthread_create(&s->thread, NULL, lt_setter_main, s))
		bail_out("pthread_create failed");
}

static inline void lt_join(struct lt_setter *s)
{
	pthread_join(s->thread, NULL);
}

/*
 * Run fn(arg) in a child process with uid/gid LT_UID/LT_GID (and no
 * capabilities) and return its exit status, or -1 if it could not run.
 * The child reports nothing itself: fn returns the value to check.
 */
static inline int lt_as_user(int (*fn)(void *), void *arg)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (setgroups(0, NULL) < 0 || setgid(LT_GID) < 0 ||
		    setuid(LT_UID) < 0)
			_exit(254);
		_exit(fn(arg) & 0xff);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

#endif /* LT_H */
