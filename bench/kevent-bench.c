// SPDX-License-Identifier: GPL-2.0
/*
 * kevent-bench: kevent against futex, eventfd, pipes, poll, futex_waitv
 * and ntsync (when the kernel has /dev/ntsync), in one guest boot.
 *
 *   kevent-bench [--smoke] [--rounds N] [--scale X] [FIGURE...]
 *
 * FIGURE is one of roundtrip set wakeall waitmany names memory kernelpath
 * (default: all). --smoke runs every figure briefly (3 rounds, small
 * counts), to prove the bench works; its numbers mean nothing. Results are
 * "md|" and "csv," lines (common.c), and "target|" lines: each target of
 * docs/performance.md, met or missed. Run as root (names and memory raise
 * kevent's limits for the run).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "bench.h"

static const struct {
	const char *name;
	void (*fn)(void);
} figures[] = {
	{ "roundtrip", bench_roundtrip },
	{ "set", bench_setpath },
	{ "wakeall", bench_wakeall },
	{ "waitmany", bench_waitmany },
	{ "names", bench_names },
	{ "memory", bench_memory },
	{ "kernelpath", bench_kernelpath },
};

#define NFIGURES (sizeof(figures) / sizeof(figures[0]))

int main(int argc, char **argv)
{
	int want[NFIGURES] = { 0 }, any = 0, i;
	struct utsname u;
	unsigned int k;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--smoke")) {
			bench_smoke = 1;
			bench_rounds = 3;
			bench_scale = 0.05;
		} else if (!strcmp(argv[i], "--rounds") && i + 1 < argc) {
			bench_rounds = atoi(argv[++i]);
		} else if (!strcmp(argv[i], "--scale") && i + 1 < argc) {
			bench_scale = atof(argv[++i]);
		} else {
			int found = 0;

			for (k = 0; k < NFIGURES; k++)
				if (!strcmp(argv[i], figures[k].name))
					want[k] = any = found = 1;
			if (!found) {
				fprintf(stderr, "usage: kevent-bench [--smoke] [--rounds N] [--scale X] [FIGURE...]\nfigures:");
				for (k = 0; k < NFIGURES; k++)
					fprintf(stderr, " %s", figures[k].name);
				fprintf(stderr, "\n");
				return 2;
			}
		}
	}
	if (bench_rounds < 1 || bench_rounds > BENCH_MAX_ROUNDS || bench_scale <= 0) {
		fprintf(stderr, "kevent-bench: rounds 1..%d, scale > 0\n", BENCH_MAX_ROUNDS);
		return 2;
	}
	kev_dev = open(KEVENT_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (kev_dev < 0)
		die(KEVENT_DEVICE_PATH);
	nt_dev = open("/dev/ntsync", O_RDWR | O_CLOEXEC);
	uname(&u);
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("# kevent-bench: kernel %s, %ld CPUs, %d rounds, scale %g, ntsync %s%s\n",
	       u.release, sysconf(_SC_NPROCESSORS_ONLN), bench_rounds, bench_scale,
	       nt_dev >= 0 ? "present" : "absent (/dev/ntsync: kernels from 6.14)",
	       bench_smoke ? ", SMOKE RUN: the numbers mean nothing" : "");
	bench_begin_output();
	for (k = 0; k < NFIGURES; k++) {
		if (any && !want[k])
			continue;
		printf("# figure %s\n", figures[k].name);
		figures[k].fn();
	}
	bench_end_output();
	printf("# kevent-bench: done\n");
	return 0;
}
