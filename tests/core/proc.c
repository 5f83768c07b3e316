// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/kevent is a seq_file with a cursor: one read() formats at most one
 * buffer however many names the namespace holds (a user with thousands of
 * long names cannot make every reader allocate megabytes while holding the
 * namespace's mutex), each read() resumes where the previous one stopped
 * (so an event created between two reads is listed, which a file produced
 * whole at the first read cannot do), and every event is listed once.
 * Runs in an IPC namespace of its own, so the counts are exact.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <sys/resource.h>

#include "kt.h"

#define NEVENTS		3000
#define BIG_READ	(1 << 20)

static char names[NEVENTS][256];
static int fds[NEVENTS];

/* Count the lines of @buf whose first field is @name. */
static int count_name(const char *buf, const char *name)
{
	size_t len = strlen(name);
	const char *p = buf;
	int n = 0;

	while (p && *p) {
		if (!strncmp(p, name, len) && p[len] == ' ')
			n++;
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return n;
}

int main(void)
{
	char *buf = malloc(BIG_READ), *all = malloc(4 * BIG_READ);
	size_t total = 0, biggest = 0;
	int i, fd, late, reads = 0, dup = 0, missing = 0;
	ssize_t r;

	if (!buf || !all)
		bail_out("out of memory");
	if (kt_dev() < 0)
		bail_out("cannot open %s: %s", KEVENT_DEVICE_PATH, strerror(errno));
	struct rlimit rl = { NEVENTS + 64, NEVENTS + 64 };

	if (setrlimit(RLIMIT_NOFILE, &rl))
		bail_out("setrlimit(RLIMIT_NOFILE): %s", strerror(errno));
	if (unshare(CLONE_NEWIPC))
		bail_out("unshare(CLONE_NEWIPC): %s", strerror(errno));

	/* 3000 names of 255 bytes: about 800 KB of /proc/kevent. */
	for (i = 0; i < NEVENTS; i++) {
		memset(names[i], 'a' + i % 26, 255);
		snprintf(names[i], 16, "kt-proc-%05d", i);
		names[i][strlen(names[i])] = '-';
		names[i][255] = '\0';
		fds[i] = kt_create(names[i], 0);
		if (fds[i] < 0)
			bail_out("create %d: %s", i, strerror(-fds[i]));
	}

	fd = open("/proc/kevent", O_RDONLY);
	ok(fd >= 0, "open /proc/kevent");
	/* A pread or seek far ahead would make one call format everything. */
	errno = 0;
	ok(pread(fd, buf, 1, 1LL << 40) < 0 && errno == ESPIPE,
	   "pread() far ahead: ESPIPE (%s)", strerror(errno));
	errno = 0;
	ok(lseek(fd, 1 << 20, SEEK_SET) < 0 && errno == ESPIPE, "lseek(): ESPIPE");
	r = read(fd, buf, BIG_READ);
	ok(r > 0 && r <= 65536,
	   "one read() of 1 MiB returns one bounded buffer, not the whole file (%zd bytes)", r);
	if (r > 0) {
		memcpy(all, buf, r);
		total = r;
		biggest = r;
	}

	/* Created after the first read: a cursor reaches it, a snapshot cannot. */
	late = kt_create("kt-proc-zz-late", 0);
	ok(late >= 0, "create an event after the first read");
	/* Deleted after the first read: a cursor no longer lists it. */
	close(fds[NEVENTS - 1]);
	fds[NEVENTS - 1] = -1;

	while ((r = read(fd, buf, BIG_READ)) > 0) {
		reads++;
		if ((size_t)r > biggest)
			biggest = r;
		if (total + r >= 4 * BIG_READ)
			break;
		memcpy(all + total, buf, r);
		total += r;
	}
	all[total] = '\0';
	close(fd);
	ok(r == 0, "the file reads to its end (%zu bytes in %d more reads)", total, reads);
	ok(biggest <= 65536, "no read() returned more than one buffer (biggest %zu)", biggest);
	ok(reads > 8, "the listing took many reads (%d)", reads);
	is_int(count_name(all, "kt-proc-zz-late"), 1,
	       "the event created between reads is listed (cursor, not a snapshot)");
	is_int(count_name(all, names[NEVENTS - 1]), 0,
	       "the event closed between reads is not listed");
	for (i = 0; i < NEVENTS - 1; i++) {
		int n = count_name(all, names[i]);

		if (n > 1)
			dup++;
		else if (!n)
			missing++;
	}
	is_int(dup, 0, "no event is listed twice");
	is_int(missing, 0, "no live event is missing");
	ok(!strncmp(all, "name type state", 15), "the header comes first, once");
	is_int(count_name(all, "name"), 1, "... and only once");

	/* Reading in tiny pieces gives the same listing. */
	fd = open("/proc/kevent", O_RDONLY);
	total = 0;
	while ((r = read(fd, buf, 7)) > 0)
		total += r;
	close(fd);
	ok(r == 0 && total > (size_t)NEVENTS * 255,
	   "7-byte reads walk the whole listing too (%zu bytes)", total);

	for (i = 0; i < NEVENTS; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	close(late);
	fd = open("/proc/kevent", O_RDONLY);
	r = read(fd, buf, BIG_READ);
	close(fd);
	buf[r > 0 ? r : 0] = '\0';
	ok(r > 0 && !strchr(buf, '\n')[1], "with every event closed only the header is left");
	free(buf);
	free(all);
	return done();
}
