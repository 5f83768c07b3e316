/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tap.h - a tiny TAP 13 producer for kevent's guest tests (header only).
 *
 *	#include "tap.h"
 *	int main(void)
 *	{
 *		plan(3);
 *		ok(fd >= 0, "open %s", path);
 *		is_int(errno, EINVAL, "bad flags give EINVAL");
 *		skip("needs two CPUs");
 *		return done();		// exit status: 0 only if all passed
 *	}
 *
 * Output goes to stdout, line-buffered, so a test killed by its timeout
 * still shows every point it reported. Thread safe (a mutex serialises the
 * points). plan(0) with skip_all("reason") skips a whole program.
 * The host (scripts/tap-check) counts every test point; a planned point that
 * never reports, a "not ok" or a non-zero exit status fails the run.
 */
#ifndef KEVENT_TAP_H
#define KEVENT_TAP_H

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t tap_lock = PTHREAD_MUTEX_INITIALIZER;
static int tap_planned = -1, tap_run, tap_failed;

static inline void tap_init(void)
{
	static int done_init;

	if (!done_init) {
		done_init = 1;
		setvbuf(stdout, NULL, _IOLBF, 0);
		printf("TAP version 13\n");
	}
}

/* plan(n): announce n test points (call once, before the first point). */
static inline void plan(int n)
{
	pthread_mutex_lock(&tap_lock);
	tap_init();
	tap_planned = n;
	printf("1..%d\n", n);
	pthread_mutex_unlock(&tap_lock);
}

/* skip_all(fmt...): the whole program does not apply here; exits 0. */
static inline void __attribute__((format(printf, 1, 2), noreturn))
skip_all(const char *fmt, ...)
{
	va_list ap;

	tap_init();
	printf("1..0 # SKIP ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	exit(0);
}

static inline void tap_vpoint(int pass, const char *directive,
			      const char *fmt, va_list ap)
{
	pthread_mutex_lock(&tap_lock);
	tap_init();
	tap_run++;
	if (!pass && !directive)
		tap_failed++;
	printf("%sok %d - ", pass ? "" : "not ", tap_run);
	vprintf(fmt, ap);
	if (directive)
		printf(" # %s", directive);
	printf("\n");
	pthread_mutex_unlock(&tap_lock);
}

/* ok(cond, fmt...): one test point; returns cond so callers can react. */
static inline int __attribute__((format(printf, 2, 3)))
ok(int cond, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vpoint(!!cond, NULL, fmt, ap);
	va_end(ap);
	return !!cond;
}

/* diag(fmt...): a "# " comment line (on stdout, in order with the points). */
static inline void __attribute__((format(printf, 1, 2)))
diag(const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&tap_lock);
	tap_init();
	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	pthread_mutex_unlock(&tap_lock);
}

/* is_int(got, want, fmt...): ok(got == want), with a diagnosis if not. */
#define is_int(got, want, ...) ({					\
	long long __g = (long long)(got), __w = (long long)(want);	\
	int __r = ok(__g == __w, __VA_ARGS__);				\
	if (!__r)							\
		diag("  got %lld (%s), want %lld (%s)", __g, #got,	\
		     __w, #want);					\
	__r;								\
})

/* skip(fmt...): one skipped test point (counts towards the plan). */
static inline void __attribute__((format(printf, 1, 2)))
skip(const char *fmt, ...)
{
	char reason[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	pthread_mutex_lock(&tap_lock);
	tap_init();
	tap_run++;
	printf("ok %d - %s # SKIP %s\n", tap_run, reason, reason);
	pthread_mutex_unlock(&tap_lock);
}

/* bail_out(fmt...): abort the whole program (the host counts it failed). */
static inline void __attribute__((format(printf, 1, 2), noreturn))
bail_out(const char *fmt, ...)
{
	va_list ap;

	tap_init();
	printf("Bail out! ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	exit(1);
}

/*
 * done(): end of the program; returns the exit status for main(): 0 only if
 * no point failed and the plan (if any) matched the points reported. Without
 * an earlier plan() it prints the plan now ("1..N" at the end is valid TAP).
 */
static inline int done(void)
{
	int status;

	pthread_mutex_lock(&tap_lock);
	tap_init();
	if (tap_planned < 0) {
		tap_planned = tap_run;
		printf("1..%d\n", tap_run);
	}
	if (tap_run != tap_planned)
		printf("# planned %d test points, ran %d\n", tap_planned,
		       tap_run);
	status = (tap_failed || tap_run != tap_planned) ? 1 : 0;
	fflush(stdout);
	pthread_mutex_unlock(&tap_lock);
	return status;
}

#endif /* KEVENT_TAP_H */
