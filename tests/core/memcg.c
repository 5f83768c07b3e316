// SPDX-License-Identifier: GPL-2.0
/*
 * Event memory is charged to the creator's memory cgroup: a child in a
 * fresh cgroup creates many named events, once with short and once with
 * long names. The cgroup's slab usage must grow by at least the extra name
 * bytes, which only kevent allocates (the files and fds cost the same).
 */
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "kt.h"

#define CG	"/sys/fs/cgroup"
/*
 * Enough events that the names' bytes (about 256 per event after slab
 * rounding) dwarf the statistics' error: kernels before 5.14 flush slab
 * bytes per CPU and per counter in batches of up to 128 KiB, so memory.stat
 * may lag by up to 512 KiB on two CPUs.
 */
#define NEV	8000

static int write_str(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fputs(s, f);
	return fclose(f);
}

static long slab_bytes(const char *cg)
{
	char path[256], key[64];
	long long v, slab = -1;
	FILE *f;

	snprintf(path, sizeof(path), "%s/memory.stat", cg);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fscanf(f, "%63s %lld", key, &v) == 2)
		if (!strcmp(key, "slab"))
			slab = v;
	fclose(f);
	return slab;
}

/* In cgroup @cg, create NEV named events with @len-byte names: slab delta. */
static long charge(const char *cg, int len, int round)
{
	int pfd[2], status;
	long before, after = -1;
	char c;
	pid_t pid;

	if (pipe(pfd))
		return -1;
	before = slab_bytes(cg);
	pid = fork();
	if (!pid) {
		char path[256], name[300], pidbuf[32];
		int i;

		snprintf(path, sizeof(path), "%s/cgroup.procs", cg);
		snprintf(pidbuf, sizeof(pidbuf), "%d", getpid());
		if (write_str(path, pidbuf))
			_exit(1);
		if (setrlimit(RLIMIT_NOFILE, &(struct rlimit){ NEV + 64, NEV + 64 }))
			_exit(4);
		for (i = 0; i < NEV; i++) {
			snprintf(name, sizeof(name), "m%d-%d-%0*d", round, i, len, 0);
			name[len] = 0;
			if (kt_create(name, 0) < 0)
				_exit(2);
		}
		c = 'y';
		if (write(pfd[1], &c, 1) != 1)
			_exit(3);
		pause();
		_exit(0);
	}
	close(pfd[1]);
	if (read(pfd[0], &c, 1) == 1)
		after = slab_bytes(cg);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	if (WIFEXITED(status))
		diag("charging child failed at step %d", WEXITSTATUS(status));
	close(pfd[0]);
	return after < 0 || before < 0 ? -1 : after - before;
}

int main(void)
{
	/* One cgroup per round: the first round's frees are deferred (RCU). */
	char cg_small[] = CG "/kevent-test-small", cg_large[] = CG "/kevent-test-large";
	long small, large;

	if (kt_dev() < 0)
		bail_out("cannot open %s: %s", KEVENT_DEVICE_PATH, strerror(errno));
	if (access(CG "/cgroup.controllers", F_OK))
		mount("none", CG, "cgroup2", 0, NULL);
	ok(!access(CG "/cgroup.controllers", F_OK), "cgroup2 is mounted");
	write_str(CG "/cgroup.subtree_control", "+memory");
	mkdir(cg_small, 0755);
	mkdir(cg_large, 0755);
	ok(slab_bytes(cg_small) >= 0 && slab_bytes(cg_large) >= 0,
	   "memory cgroups with memory.stat");

	small = charge(cg_small, 8, 0);
	large = charge(cg_large, 250, 1);
	diag("slab growth for %d events: %ld bytes with 8-byte names, %ld with 250-byte names",
	     NEV, small, large);
	ok(small > 0, "creating events charges the creator's cgroup");
	ok(large - small >= (long)NEV * 150,
	   "the event objects themselves are charged (%ld extra bytes for %d longer names)",
	   large - small, NEV);
	rmdir(cg_small);
	rmdir(cg_large);
	return done();
}
