// SPDX-License-Identifier: GPL-2.0
/*
 * Names: create-or-open, CREATE_NEW, OPEN of a missing name, name rules and
 * the Windows prefixes, lifetime and reuse, PERMANENT and UNLINK, names
 * across processes, and the /proc/kevent listing.
 */
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "kt.h"

static void test_create_open(void)
{
	struct kevent_query_args q;
	int a, b, existed = -1;

	a = kt_create_ex("kt-n1", KEVENT_CREATE_MANUAL_RESET, 0, &existed);
	ok(a >= 0 && existed == 0, "create a new named event (existed=0)");
	b = kt_create_ex("kt-n1", KEVENT_CREATE_INITIAL_SET, 0, &existed);
	ok(b >= 0 && existed == 1, "create of an existing name opens it (existed=1)");
	kt_query(b, &q);
	ok(q.type == KEVENT_TYPE_NOTIFICATION && q.state == 0,
	   "... ignoring the requested type and initial state");
	kt_set(a);
	is_int(kt_state(b), 1, "both handles are the same event");
	close(b);
	is_int(kt_create("kt-n1", KEVENT_CREATE_NEW), -EEXIST, "CREATE_NEW of an existing name: EEXIST");
	is_int(kt_open("kt-missing", KEVENT_ACCESS_ALL), -ENOENT, "open of a missing name: ENOENT");
	is_int(kt_open("KT-N1", KEVENT_ACCESS_ALL), -ENOENT, "names are case-sensitive");
	b = kt_open("kt-n1", KEVENT_ACCESS_WAIT);
	ok(b >= 0, "open of an existing name");
	close(b);
	close(a);
}

static void test_name_rules(void)
{
	char name[300];
	int fd;

	fd = kt_create("Global\\kt-pfx", 0);
	ok(fd >= 0, "a Global\\ prefix is accepted");
	ok(kt_open("kt-pfx", KEVENT_ACCESS_ALL) >= 0, "... and stripped");
	ok(kt_open("Local\\kt-pfx", KEVENT_ACCESS_ALL) >= 0, "Local\\ names the same event");
	close(fd);
	is_int(kt_create("a\\b", 0), -EINVAL, "a backslash in a name: EINVAL");
	is_int(kt_create("Global\\", 0), -EINVAL, "a bare prefix: EINVAL");
	is_int(kt_create("Other\\x", 0), -EINVAL, "an unknown prefix: EINVAL");
	{
		struct kevent_create_args a = {
			.name = (uintptr_t)"ab\0cd", .name_len = 5,
		};
		is_int(kt_ret(ioctl(kt_dev(), KEVENT_IOC_CREATE, &a)), -EINVAL,
		       "a NUL inside a name: EINVAL");
		a.name_len = 0;
		is_int(kt_ret(ioctl(kt_dev(), KEVENT_IOC_CREATE, &a)), -EINVAL,
		       "a name pointer with length 0: EINVAL");
		a.name = 0;
		a.name_len = 3;
		is_int(kt_ret(ioctl(kt_dev(), KEVENT_IOC_CREATE, &a)), -EINVAL,
		       "a length without a name pointer: EINVAL");
	}
	memset(name, 'n', sizeof(name));
	name[255] = 0;
	fd = kt_create(name, 0);
	ok(fd >= 0, "a 255-byte name is accepted");
	close(fd);
	name[255] = 'n';
	name[256] = 0;
	is_int(kt_create(name, 0), -ENAMETOOLONG, "a 256-byte name: ENAMETOOLONG");
	is_int(kt_open(name, KEVENT_ACCESS_ALL), -ENAMETOOLONG, "open of a 256-byte name: ENAMETOOLONG");
	name[299] = 0;
	is_int(kt_create(name, 0), -ENAMETOOLONG, "a 299-byte name: ENAMETOOLONG");
	memcpy(name, "Global\\", 7);
	name[7 + 255] = 0;
	fd = kt_create(name, 0);
	ok(fd >= 0, "Global\\ plus 255 bytes is accepted");
	close(fd);
	fd = kt_create("name with spaces/and\ttab", 0);
	ok(fd >= 0, "blanks and slashes are allowed in names");
	close(fd);
}

static void test_lifetime(void)
{
	int a, b;

	a = kt_create("kt-life", KEVENT_CREATE_INITIAL_SET);
	b = kt_open("kt-life", KEVENT_ACCESS_ALL);
	close(a);
	ok(kt_open("kt-life", KEVENT_ACCESS_WAIT) >= 0, "the name lives while any handle does");
	close(b);
	/* The fd from the line above is still open: close every kt-life fd. */
	for (a = 3; a < 64; a++) {
		struct kevent_query_args q;

		if (kt_query(a, &q) == 0 && !strcmp(q.name, "kt-life"))
			close(a);
	}
	is_int(kt_open("kt-life", KEVENT_ACCESS_ALL), -ENOENT, "after the last handle, open: ENOENT");
	a = kt_create_ex("kt-life", 0, 0, &b);
	ok(a >= 0 && b == 0 && kt_state(a) == 0, "the name can be created afresh, with fresh state");
	close(a);
}

static void test_across_processes(void)
{
	int ev = kt_create("kt-xproc", 0), status;
	pid_t pid = fork();

	if (!pid) {
		int fd;

		close(ev);
		fd = kt_open("kt-xproc", KEVENT_ACCESS_MODIFY);
		_exit(fd >= 0 && kt_set(fd) == 0 ? 0 : 1);
	}
	is_int(kt_wait(ev, 5000 * KT_MS), 0, "another process opens the name and sets the event");
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && !WEXITSTATUS(status), "... the child succeeded");
	close(ev);
}

static void test_permanent(void)
{
	int fd, existed;

	is_int(kt_create(NULL, KEVENT_CREATE_PERMANENT), -EINVAL, "an anonymous permanent event: EINVAL");
	fd = kt_create("kt-perm", KEVENT_CREATE_PERMANENT | KEVENT_CREATE_MANUAL_RESET);
	ok(fd >= 0, "root creates a permanent event");
	kt_set(fd);
	close(fd);
	fd = kt_open("kt-perm", KEVENT_ACCESS_ALL);
	ok(fd >= 0 && kt_state(fd) == 1, "it survives its last handle, state kept");
	close(fd);
	is_int(kt_unlink("kt-perm"), 0, "unlink makes it temporary");
	is_int(kt_open("kt-perm", KEVENT_ACCESS_ALL), -ENOENT, "with no handle left it is gone");
	is_int(kt_unlink("kt-perm"), -ENOENT, "unlink of a missing name: ENOENT");

	fd = kt_create("kt-perm2", KEVENT_CREATE_PERMANENT);
	is_int(kt_unlink("kt-perm2"), 0, "unlink while a handle is open");
	ok(kt_open("kt-perm2", KEVENT_ACCESS_ALL) >= 0, "... the name lives while the handle does");
	close(fd);

	fd = kt_create("kt-temp", 0);
	is_int(kt_unlink("kt-temp"), -EINVAL, "unlink of a non-permanent event: EINVAL");
	fd = kt_create_ex("kt-temp", KEVENT_CREATE_PERMANENT, 0, &existed);
	ok(fd >= 0 && existed, "create PERMANENT of an existing name makes it permanent");
	is_int(kt_unlink("kt-temp"), 0, "... so it can be unlinked");
}

/* CREATE PERMANENT of NAME with the arguments in a read-only page: EFAULT. */
static int create_permanent_ro(const char *name)
{
	struct kevent_create_args *a = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *n = (char *)(a + 1);
	int r;

	if (a == MAP_FAILED)
		return -ENOMEM;
	memset(a, 0, sizeof(*a));
	strcpy(n, name);
	a->name = (uintptr_t)n;
	a->name_len = strlen(name);
	a->flags = KEVENT_CREATE_PERMANENT;
	if (mprotect(a, 4096, PROT_READ)) {
		munmap(a, 4096);
		return -ENOMEM;
	}
	r = kt_ret(ioctl(kt_dev(), KEVENT_IOC_CREATE, a));
	munmap(a, 4096);
	return r;
}

/* In a child with no fd left below RLIMIT_NOFILE: CREATE PERMANENT of NAME. */
static int create_permanent_no_fd(const char *name)
{
	int status, r;
	pid_t pid;

	kt_dev();	/* open /dev/kevent before the limit */
	pid = fork();
	if (pid == 0) {
		/* dup() returns the lowest free fd: every fd below it is in use. */
		int lowest = dup(kt_dev());
		struct rlimit rl = { .rlim_cur = lowest, .rlim_max = lowest };

		if (lowest < 0 || close(lowest) || setrlimit(RLIMIT_NOFILE, &rl))
			_exit(200);
		r = kt_create(name, KEVENT_CREATE_PERMANENT);
		_exit(r == -EMFILE ? 0 : r >= 0 ? 201 : 202);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* A CREATE that fails after the lookup leaves nothing permanent behind. */
static void test_permanent_failed_create(void)
{
	int fd;

	is_int(create_permanent_no_fd("kt-perm-emfile"), 0,
	       "PERMANENT create with no fd left below RLIMIT_NOFILE: EMFILE (exit 0 = EMFILE)");
	is_int(kt_open("kt-perm-emfile", KEVENT_ACCESS_ALL), -ENOENT,
	       "... leaves no permanent event behind");
	is_int(create_permanent_ro("kt-perm-fault"), -EFAULT,
	       "PERMANENT create whose result cannot be written: EFAULT");
	is_int(kt_open("kt-perm-fault", KEVENT_ACCESS_ALL), -ENOENT,
	       "... the new event is not left permanent (gone)");
	fd = kt_create("kt-perm-fault2", 0);
	ok(fd >= 0, "a temporary event kt-perm-fault2");
	is_int(create_permanent_ro("kt-perm-fault2"), -EFAULT,
	       "PERMANENT create of an existing name, result not writable: EFAULT");
	close(fd);
	is_int(kt_open("kt-perm-fault2", KEVENT_ACCESS_ALL), -ENOENT,
	       "... the existing event was not made permanent");
	is_int(kt_unlink("kt-perm-fault2"), -ENOENT, "... and there is nothing to unlink");
}

/* Find NAME's line in /proc/kevent; returns 1 and fills the columns. */
static int proc_line(const char *name, char *type, int *state, int *handles,
		     int *waiters, unsigned int *mode, char *flags)
{
	char line[600], n[520];
	unsigned int uid, gid;
	int found = 0;
	FILE *f = fopen("/proc/kevent", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%519s %31s %d %d %d %u %u %o %31s", n, type, state,
			   handles, waiters, &uid, &gid, mode, flags) == 9 &&
		    !strcmp(n, name)) {
			found = 1;
			break;
		}
	}
	fclose(f);
	return found;
}

static void test_proc(void)
{
	char type[32], flags[32], header[128] = "";
	int state, handles, waiters, a, b;
	unsigned int mode;
	FILE *f = fopen("/proc/kevent", "r");

	ok(f && fgets(header, sizeof(header), f) &&
	   !strcmp(header, "name type state handles waiters uid gid mode flags\n"),
	   "/proc/kevent starts with its header");
	if (f)
		fclose(f);
	a = kt_create_ex("kt-proc", KEVENT_CREATE_MANUAL_RESET | KEVENT_CREATE_INITIAL_SET,
			 0640, NULL);
	b = kt_open("kt-proc", KEVENT_ACCESS_WAIT);
	ok(proc_line("kt-proc", type, &state, &handles, &waiters, &mode, flags) &&
	   !strcmp(type, "notification") && state == 1 && handles == 2 && waiters == 0 &&
	   mode == 0640 && !strcmp(flags, "-"),
	   "/proc/kevent lists name, type, state, handles, waiters, mode (%s %d %d %d %o %s)",
	   type, state, handles, waiters, mode, flags);
	close(a);
	close(b);
	ok(!proc_line("kt-proc", type, &state, &handles, &waiters, &mode, flags),
	   "a freed event is no longer listed");
	a = kt_create("kt proc\tblank", 0);
	ok(proc_line("kt\\040proc\\011blank", type, &state, &handles, &waiters, &mode, flags),
	   "blanks in names are escaped in /proc/kevent");
	close(a);
	ok(kt_create(NULL, 0) >= 0 && !proc_line("", type, &state, &handles, &waiters, &mode, flags),
	   "anonymous events are not listed");
}

int main(void)
{
	if (kt_dev() < 0)
		bail_out("cannot open %s: %s", KEVENT_DEVICE_PATH, strerror(errno));
	test_create_open();
	test_name_rules();
	test_lifetime();
	test_across_processes();
	test_permanent();
	test_permanent_failed_create();
	test_proc();
	return done();
}
