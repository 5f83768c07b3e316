// SPDX-License-Identifier: GPL-2.0
/*
 * The kevent_handoff tracepoint, and the back-off it shows: two processes
 * on one CPU (SCHED_BATCH) ping-pong with signal-and-wait on two named
 * synchronization events. Each call releases the other process and must
 * then sleep, so it first offers it the CPU; every such hand-off is
 * recorded with the event, the pid of the task released and the outcome.
 * A scheduler that keeps the caller on (CFS, when the other task ran more)
 * declines one direction every round: after a declined hand-off exactly
 * the next 15 through that event are skipped. EEVDF (6.6 on) grants most
 * yields and declines fewer.
 */
#include "../core/kt.h"

#include <sched.h>
#include <sys/mount.h>

#define ROUNDS	1000

static char tracefs[64] = "/sys/kernel/tracing";

static int set_and_wait(int set, int wait)
{
	struct kevent_wait_args a = {
		.timeout = 10000 * KT_MS,
		.fds = (uintptr_t)&wait,
		.count = 1,
		.flags = KEVENT_WAIT_SIGNAL,
		.signal_fd = set,
	};

	return kt_ret(ioctl(kt_dev(), KEVENT_IOC_WAIT, &a));
}

static int trace_write(const char *file, const char *value)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", tracefs, file);
	return kt_write_file(path, value);
}

/* Opening the buffer truncated empties it. */
static int trace_clear(void)
{
	char path[128];
	int fd;

	snprintf(path, sizeof(path), "%s/trace", tracefs);
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

static void trace_setup(void)
{
	if (access("/sys/kernel/tracing/events", F_OK))
		mount("nodev", "/sys/kernel/tracing", "tracefs", 0, NULL);
	if (access("/sys/kernel/tracing/events", F_OK)) {
		mount("nodev", "/sys/kernel/debug", "debugfs", 0, NULL);
		strcpy(tracefs, "/sys/kernel/debug/tracing");
	}
	if (trace_clear() || trace_write("tracing_on", "0") ||
	    trace_write("events/kevent/kevent_handoff/enable", "1") ||
	    trace_write("tracing_on", "1"))
		bail_out("cannot enable kevent:kevent_handoff under %s", tracefs);
}

int main(void)
{
	unsigned int n[4] = { 0 }, records = 0, wrong = 0, other = 0;
	/* Per event (a, b): skips still due after a decline; broken runs. */
	unsigned int due[2] = { 0 }, broken = 0;
	static const char *const outcome[4] = { "ran", "declined", "skipped", "away" };
	int a, b, i, fails = 0, status;
	char path[128], line[512];
	cpu_set_t set;
	pid_t pid;
	FILE *f;

	plan(5);
	if (kt_dev() < 0)
		bail_out("cannot open %s: %s", KEVENT_DEVICE_PATH, strerror(errno));
	a = kt_create("kt-handoff-a", 0);
	b = kt_create("kt-handoff-b", 0);
	if (a < 0 || b < 0)
		bail_out("create: %s", strerror(-(a < 0 ? a : b)));
	CPU_ZERO(&set);
	CPU_SET(sched_getcpu(), &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		bail_out("sched_setaffinity: %s", strerror(errno));
	/*
	 * A woken SCHED_BATCH task never preempts the waker, so each call
	 * goes on to its wait and offers the hand-off; a fully preemptible
	 * kernel (PREEMPT_RT) otherwise switches at the set, and the caller
	 * finds its own event set when it runs again.
	 */
	if (sched_setscheduler(0, SCHED_BATCH, &(struct sched_param){ 0 }))
		bail_out("SCHED_BATCH: %s", strerror(errno));
	trace_setup();

	pid = fork();
	if (!pid) {
		if (kt_wait(a, 10000 * KT_MS))
			_exit(2);
		for (i = 0; i < ROUNDS - 1; i++)
			if (set_and_wait(b, a))
				_exit(3);
		_exit(kt_set(b) < 0 ? 4 : 0);
	}
	for (i = 0; i < ROUNDS; i++)
		fails += set_and_wait(a, b) != 0;
	waitpid(pid, &status, 0);
	trace_write("tracing_on", "0");
	trace_write("events/kevent/kevent_handoff/enable", "0");
	is_int(fails + !(WIFEXITED(status) && !WEXITSTATUS(status)), 0,
	       "%d signal-and-wait rounds on one CPU between two processes", ROUNDS);

	snprintf(path, sizeof(path), "%s/trace", tracefs);
	f = fopen(path, "r");
	if (!f)
		bail_out("%s: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		char *rec = strstr(line, "kevent_handoff: ");
		char name[64], result[16];
		unsigned int id;
		int tpid, k, e;

		if (!rec)
			continue;
		records++;
		if (sscanf(rec, "kevent_handoff: name=%63s id=%u pid=%d outcome=%15s",
			   name, &id, &tpid, result) != 4) {
			wrong++;
			continue;
		}
		/* Setting a releases the child, setting b the parent. */
		if (!((!strcmp(name, "kt-handoff-a") && tpid == pid) ||
		      (!strcmp(name, "kt-handoff-b") && tpid == getpid())))
			wrong++;
		for (k = 0; k < 4 && strcmp(result, outcome[k]); k++)
			;
		if (k < 4)
			n[k]++;
		else
			other++;
		/* A decline, exactly 15 skips through that event, then no skip. */
		e = !strcmp(name, "kt-handoff-b");
		if (due[e]) {
			broken += k != 2;
			due[e] = k == 2 ? due[e] - 1 : 0;
		} else {
			broken += k == 2;
		}
		if (k == 1)
			due[e] = 15;
	}
	fclose(f);
	trace_clear();
	diag("hand-offs: %u ran, %u declined, %u skipped, %u away", n[0], n[1], n[2], n[3]);

	ok(records >= ROUNDS && records <= 2 * ROUNDS,
	   "%u hand-offs recorded: one for each call that released the other and then slept",
	   records);
	is_int(wrong, 0, "... each names the event set and the pid of the task it released");
	is_int(other + n[3], 0, "... each ran, was declined or skipped (none away: one CPU)");
	is_int(broken, 0,
	       "... after each of the %u declined, exactly the next 15 through that event skipped",
	       n[1]);
	close(a);
	close(b);
	return done();
}
