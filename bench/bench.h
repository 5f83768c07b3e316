/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bench.h - what every part of kevent-bench shares: the clock, the
 * primitives under test (kevent ioctls, futex, eventfd, ntsync when the
 * kernel has it) and the measurement model.
 *
 * The model: a figure compares contenders (kevent, futex, eventfd, ...).
 * It runs in rounds; in each round every contender runs once, in an order
 * that rotates from round to round, and each run is several short chunks
 * whose mean is the round's value. A figure reports, per contender, the
 * median, min and max over the rounds, and kevent's ratio to each other
 * contender as the median of the per-round ratios: host noise hits both
 * sides of a ratio within one round, so the ratios are steadier than the
 * times.
 */
#ifndef KEVENT_BENCH_H
#define KEVENT_BENCH_H

#include <stdint.h>
#include <linux/kevent.h>

#define BENCH_MAX_CONTENDERS	6
#define BENCH_MAX_ROUNDS	64

struct bench_figure {
	const char *id;		/* short key: roundtrip, set, wakeall, ... */
	const char *title;	/* row title in the table */
	const char *param;	/* e.g. "N=16", or "" */
	const char *unit;	/* "us" or "ns" */
	double scale;		/* ns per unit */
	int ncontenders;
	const char *names[BENCH_MAX_CONTENDERS];
	/* One chunk of contender @c: returns ns per operation, < 0 to skip. */
	double (*chunk)(int c, void *ctx);
	void *ctx;
	int chunks;		/* per round */
	/* results */
	double v[BENCH_MAX_CONTENDERS][BENCH_MAX_ROUNDS];
	int rounds;
	int skipped[BENCH_MAX_CONTENDERS];
};

/* Run options (main): rounds per figure, a scale for loop counts. */
extern int bench_rounds;
extern double bench_scale;
extern int bench_smoke;

uint64_t now_ns(void);
void die(const char *what);
long scaled(long n);

/* Run @f's rounds and print its rows (markdown and CSV). */
void bench_run(struct bench_figure *f);
/* A single value (no contenders to interleave): report it as it is. */
void bench_value(const char *id, const char *title, const char *param,
		 const char *name, double value, const char *unit);
double bench_median(struct bench_figure *f, int c);
double bench_ratio(struct bench_figure *f, int a, int b);
/* Targets: print "met" or "missed" with the figures. */
void bench_target(const char *what, double value, double limit);
void bench_target_exact(const char *what, double value, double want);
void bench_begin_output(void);
void bench_end_output(void);

/* kevent through its uAPI */
extern int kev_dev;
int kev_create(uint32_t flags, const char *name);
int kev_open_name(const char *name);
uint32_t kev_set_fd(int fd);
uint32_t kev_reset_fd(int fd);
int kev_wait_fds(const int *fds, unsigned int n, uint32_t flags, uint64_t timeout);
int kev_set_and_wait_fd(int set, int wait, uint64_t timeout);

/* futex on a 32-bit word, shared (not private) so it works across fork() */
long futex_wait(uint32_t *word, uint32_t val);
long futex_wake(uint32_t *word, int n);

/* ntsync (Wine's driver, mainline since 6.14), when /dev/ntsync exists */
extern int nt_dev;
int nt_create_event(int manual, int signaled);
int nt_set(int fd);
int nt_wait(const int *fds, unsigned int n, int all, uint64_t abs_timeout);

/* The parts of the bench */
void bench_roundtrip(void);
void bench_setpath(void);
void bench_wakeall(void);
void bench_waitmany(void);
void bench_names(void);
void bench_memory(void);
void bench_kernelpath(void);

#endif /* KEVENT_BENCH_H */
