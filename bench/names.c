// SPDX-License-Identifier: GPL-2.0
/*
 * Names and memory.
 *
 * Names: the cost of one create + open + close of both, of a new name,
 * while 10, 1k, 10k and 100k other named events are alive: a hash table
 * keeps it flat. Memory: bytes per event, anonymous and named, from the
 * slab counters (/proc/slabinfo) around the creation of 100k events, with
 * and without the struct file and dentry every handle carries.
 *
 * Both raise kevent's per-namespace and per-user limits (module
 * parameters) and the fd limit for the run, and put them back.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "bench.h"

static const char *const params[] = {
	"max_events_per_ns", "max_events_per_user", "max_bytes_per_user",
};
static char saved[3][32];

static void param_rw(const char *name, char *save, const char *value)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/kevent/parameters/%s", name);
	if (save) {
		f = fopen(path, "r");
		if (!f || !fgets(save, 32, f))
			die(path);
		fclose(f);
	}
	f = fopen(path, "w");
	if (!f || fputs(value, f) < 0 || fclose(f))
		die(path);
}

static void limits_raise(long events)
{
	struct rlimit r = { events + 1024, events + 1024 };
	unsigned int i;

	if (setrlimit(RLIMIT_NOFILE, &r))
		die("setrlimit(RLIMIT_NOFILE)");
	for (i = 0; i < 3; i++)
		param_rw(params[i], saved[i], "4000000000");
}

static void limits_restore(void)
{
	unsigned int i;

	for (i = 0; i < 3; i++)
		param_rw(params[i], NULL, saved[i]);
}

struct nm {
	long n;
	long seq;
};

static double nm_chunk(int c, void *ctx)
{
	struct nm *nm = ctx;
	char name[32];
	uint64_t t0;
	long i;

	(void)c;
	t0 = now_ns();
	for (i = 0; i < nm->n; i++) {
		int a, b;

		snprintf(name, sizeof(name), "bench-op-%ld", nm->seq++);
		a = kev_create(0, name);
		b = kev_open_name(name);
		if (a < 0 || b < 0)
			die("create/open");
		close(b);
		close(a);
	}
	return (double)(now_ns() - t0) / nm->n;
}

void bench_names(void)
{
	static const long levels[] = { 10, 1000, 10000, 100000 };
	long max = bench_smoke ? 1000 : 100000, live = 0, k;
	double first = -1, last = -1;
	struct nm nm = { .n = scaled(300) };
	char param[32], name[32];
	int *fds;

	limits_raise(max + 16);
	fds = calloc(max, sizeof(*fds));
	if (!fds)
		die("calloc");
	for (k = 0; k < (long)(sizeof(levels) / sizeof(levels[0])); k++) {
		struct bench_figure f = {
			.id = "names", .title = "create + open + close of a new name",
			.param = param, .unit = "us", .scale = 1000, .ncontenders = 1,
			.names = { "kevent" }, .chunk = nm_chunk, .ctx = &nm, .chunks = 3,
		};

		if (levels[k] > max)
			break;
		while (live < levels[k]) {
			snprintf(name, sizeof(name), "bench-live-%ld", live);
			fds[live] = kev_create(0, name);
			if (fds[live] < 0)
				die("create live name");
			live++;
		}
		snprintf(param, sizeof(param), "live=%ld", levels[k]);
		bench_run(&f);
		if (first < 0)
			first = bench_median(&f, 0);
		last = bench_median(&f, 0);
	}
	while (live)
		close(fds[--live]);
	free(fds);
	limits_restore();
	bench_target("name ops, most live names / 10 live names <= 1.5",
		     first > 0 ? last / first : -1, 1.5);
}

/*
 * Bytes in use in all slab caches, and in those of a handle: the struct
 * file and the dentry that anon_inode_getfile() gives every fd.
 */
static void slab_bytes(double *all, double *filp)
{
	char line[512], name[64];
	unsigned long active, num, size;
	FILE *f = fopen("/proc/slabinfo", "r");

	*all = *filp = 0;
	if (!f) {
		/* No slabinfo (CONFIG_SLUB_DEBUG off): the total from meminfo. */
		f = fopen("/proc/meminfo", "r");
		if (!f)
			die("/proc/meminfo");
		while (fgets(line, sizeof(line), f))
			if (sscanf(line, "Slab: %lu kB", &size) == 1)
				*all = size * 1024.0;
		*filp = -1;
		fclose(f);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%63s %lu %lu %lu", name, &active, &num, &size) != 4)
			continue;
		*all += (double)active * size;
		if (!strcmp(name, "filp") || !strcmp(name, "dentry"))
			*filp += (double)active * size;
	}
	fclose(f);
}

static void memory_of(int named, long n)
{
	double a0, f0, a1, f1, per, per_nofile;
	char name[32];
	int *fds = calloc(n, sizeof(*fds));
	long i;

	if (!fds)
		die("calloc");
	sync();
	slab_bytes(&a0, &f0);
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "bench-mem-%ld", i);
		fds[i] = kev_create(0, named ? name : NULL);
		if (fds[i] < 0)
			die("create");
	}
	slab_bytes(&a1, &f1);
	for (i = 0; i < n; i++)
		close(fds[i]);
	free(fds);
	per = (a1 - a0) / n;
	per_nofile = f0 < 0 ? -1 : (a1 - a0 - (f1 - f0)) / n;
	snprintf(name, sizeof(name), "%ld events", n);
	bench_value(named ? "memory_named" : "memory_anonymous",
		    named ? "bytes per named event (slab)" : "bytes per anonymous event (slab)",
		    name, "with its handle (file, dentry)", per, "bytes");
	if (per_nofile < 0)
		printf("# no /proc/slabinfo: kevent's own bytes not measured\n");
	else
		bench_value(named ? "memory_named_nofile" : "memory_anonymous_nofile",
			    named ? "bytes per named event (slab)" :
			    "bytes per anonymous event (slab)",
			    name, "kevent's own", per_nofile, "bytes");
	if (!named)
		bench_target("bytes per anonymous event (kevent's own) <= 512", per_nofile, 512);
}

void bench_memory(void)
{
	long n = bench_smoke ? 1000 : 100000;

	limits_raise(n + 16);
	memory_of(0, n);
	/* Let the deferred frees of the first batch finish. */
	usleep(200000);
	memory_of(1, n);
	limits_restore();
}
