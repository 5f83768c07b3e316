// SPDX-License-Identifier: GPL-2.0
/*
 * The shared half of kevent-bench: the clock, the primitives (kevent,
 * futex, ntsync), the round/ratio model of bench.h and the output.
 *
 * Output: every result line goes to stdout twice, as a markdown table row
 * (prefixed "md|") and as a CSV row (prefixed "csv,"), so that the host
 * (bench/report) can split the guest's console into results.md and
 * results.csv. Everything else is commentary.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "ntsync-abi.h"

int bench_rounds = 9;
double bench_scale = 1.0;
int bench_smoke;
int kev_dev = -1;
int nt_dev = -1;

uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

void die(const char *what)
{
	fprintf(stderr, "kevent-bench: %s: %s\n", what, strerror(errno));
	exit(2);
}

long scaled(long n)
{
	long v = (long)(n * bench_scale);

	return v > 0 ? v : 1;
}

/* --- kevent ---------------------------------------------------------------- */

int kev_create(uint32_t flags, const char *name)
{
	struct kevent_create_args a = {
		.flags = flags,
		.name = (uintptr_t)name,
		.name_len = name ? strlen(name) : 0,
	};

	if (ioctl(kev_dev, KEVENT_IOC_CREATE, &a))
		return -errno;
	return a.fd;
}

int kev_open_name(const char *name)
{
	struct kevent_open_args a = {
		.name = (uintptr_t)name,
		.name_len = strlen(name),
		.access = KEVENT_ACCESS_ALL,
	};

	if (ioctl(kev_dev, KEVENT_IOC_OPEN, &a))
		return -errno;
	return a.fd;
}

uint32_t kev_set_fd(int fd)
{
	uint32_t prev;

	if (ioctl(fd, KEVENT_IOC_SET, &prev))
		die("KEVENT_IOC_SET");
	return prev;
}

uint32_t kev_reset_fd(int fd)
{
	uint32_t prev;

	if (ioctl(fd, KEVENT_IOC_RESET, &prev))
		die("KEVENT_IOC_RESET");
	return prev;
}

int kev_wait_fds(const int *fds, unsigned int n, uint32_t flags, uint64_t timeout)
{
	struct kevent_wait_args a = {
		.timeout = timeout, .fds = (uintptr_t)fds, .count = n, .flags = flags,
	};

	if (ioctl(fds[0], KEVENT_IOC_WAIT, &a))
		return -errno;
	return a.index;
}

/* Set @set, then wait on @wait, in one call (KEVENT_WAIT_SIGNAL). */
int kev_set_and_wait_fd(int set, int wait, uint64_t timeout)
{
	struct kevent_wait_args a = {
		.timeout = timeout, .fds = (uintptr_t)&wait, .count = 1,
		.flags = KEVENT_WAIT_SIGNAL, .signal_fd = set,
	};

	if (ioctl(wait, KEVENT_IOC_WAIT, &a))
		return -errno;
	return 0;
}

/* --- futex ----------------------------------------------------------------- */

long futex_wait(uint32_t *word, uint32_t val)
{
	return syscall(SYS_futex, word, FUTEX_WAIT, val, NULL, NULL, 0);
}

long futex_wake(uint32_t *word, int n)
{
	return syscall(SYS_futex, word, FUTEX_WAKE, n, NULL, NULL, 0);
}

/* --- ntsync ---------------------------------------------------------------- */

int nt_create_event(int manual, int signaled)
{
	struct ntsync_event_args a = { .manual = manual, .signaled = signaled };
	int fd = ioctl(nt_dev, NTSYNC_IOC_CREATE_EVENT, &a);

	if (fd < 0)
		die("NTSYNC_IOC_CREATE_EVENT");
	return fd;
}

int nt_set(int fd)
{
	uint32_t prev;

	if (ioctl(fd, NTSYNC_IOC_EVENT_SET, &prev))
		die("NTSYNC_IOC_EVENT_SET");
	return prev;
}

int nt_wait(const int *fds, unsigned int n, int all, uint64_t abs_timeout)
{
	/* owner: a non-zero thread id, which ntsync requires (mutexes use it). */
	struct ntsync_wait_args a = {
		.timeout = abs_timeout, .objs = (uintptr_t)fds, .count = n,
		.owner = (uint32_t)getpid(),
	};

	if (ioctl(nt_dev, all ? NTSYNC_IOC_WAIT_ALL : NTSYNC_IOC_WAIT_ANY, &a))
		return -errno;
	return a.index;
}

/* --- the model -------------------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median_of(double *v, int n)
{
	double s[BENCH_MAX_ROUNDS];

	memcpy(s, v, n * sizeof(*v));
	qsort(s, n, sizeof(*s), cmp_double);
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

double bench_median(struct bench_figure *f, int c)
{
	return f->skipped[c] ? -1 : median_of(f->v[c], f->rounds);
}

double bench_ratio(struct bench_figure *f, int a, int b)
{
	double r[BENCH_MAX_ROUNDS];
	int i;

	if (f->skipped[a] || f->skipped[b])
		return -1;
	for (i = 0; i < f->rounds; i++)
		r[i] = f->v[a][i] / f->v[b][i];
	return median_of(r, f->rounds);
}

static double min_of(double *v, int n)
{
	double m = v[0];
	int i;

	for (i = 1; i < n; i++)
		if (v[i] < m)
			m = v[i];
	return m;
}

static double max_of(double *v, int n)
{
	double m = v[0];
	int i;

	for (i = 1; i < n; i++)
		if (v[i] > m)
			m = v[i];
	return m;
}

void bench_run(struct bench_figure *f)
{
	int r, k, c, j;
	char cells[1024], ratios[512];
	size_t off = 0, roff = 0;

	f->rounds = bench_rounds > BENCH_MAX_ROUNDS ? BENCH_MAX_ROUNDS : bench_rounds;
	memset(f->skipped, 0, sizeof(f->skipped));
	for (r = 0; r < f->rounds; r++) {
		for (k = 0; k < f->ncontenders; k++) {
			double sum = 0, v = 0;

			/* Rotate the order: nobody always runs first or last. */
			c = (k + r) % f->ncontenders;
			for (j = 0; j < f->chunks; j++) {
				v = f->chunk(c, f->ctx);
				if (v < 0)
					break;
				sum += v;
			}
			if (v < 0)
				f->skipped[c] = 1;
			else
				f->v[c][r] = sum / f->chunks;
		}
	}

	cells[0] = ratios[0] = '\0';
	for (c = 0; c < f->ncontenders; c++) {
		double med = bench_median(f, c);

		if (f->skipped[c]) {
			off += snprintf(cells + off, sizeof(cells) - off, "%s%s n/a",
					c ? "; " : "", f->names[c]);
			continue;
		}
		off += snprintf(cells + off, sizeof(cells) - off, "%s%s %.3g [%.3g-%.3g]",
				c ? "; " : "", f->names[c], med / f->scale,
				min_of(f->v[c], f->rounds) / f->scale,
				max_of(f->v[c], f->rounds) / f->scale);
		printf("csv,%s,%s,%s,%.1f,%.1f,%.1f,%s,%.4f\n", f->id, f->param,
		       f->names[c], med / f->scale,
		       min_of(f->v[c], f->rounds) / f->scale,
		       max_of(f->v[c], f->rounds) / f->scale, f->unit,
		       c ? bench_ratio(f, 0, c) : 1.0);
		if (c)
			roff += snprintf(ratios + roff, sizeof(ratios) - roff, "%s/%s %.2f",
					 roff ? "; " : "", f->names[c], bench_ratio(f, 0, c));
	}
	printf("md| %s | %s | %s | %s | %s |\n", f->title, f->param, f->unit,
	       cells, ratios[0] ? ratios : "-");
	fflush(stdout);
}

void bench_value(const char *id, const char *title, const char *param,
		 const char *name, double value, const char *unit)
{
	printf("csv,%s,%s,%s,%.1f,%.1f,%.1f,%s,1\n", id, param, name, value,
	       value, value, unit);
	printf("md| %s | %s | %s | %s %.4g | - |\n", title, param, unit, name, value);
	fflush(stdout);
}

void bench_target(const char *what, double value, double limit)
{
	printf("target| %s | %.3f | %.3f | %s |\n", what, value, limit,
	       value < 0 ? "not measured" : value <= limit ? "met" : "missed");
	fflush(stdout);
}

void bench_target_exact(const char *what, double value, double want)
{
	printf("target| %s | %.3f | = %.3f | %s |\n", what, value, want,
	       value == want ? "met" : "missed");
	fflush(stdout);
}

void bench_begin_output(void)
{
	printf("md| figure | parameter | unit | median [min-max] per contender | kevent / contender (median of per-round ratios) |\n");
	printf("md|---|---|---|---|---|\n");
	printf("csv,figure,parameter,contender,median,min,max,unit,kevent_ratio\n");
}

void bench_end_output(void)
{
	fflush(stdout);
}
