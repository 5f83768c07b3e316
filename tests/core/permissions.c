// SPDX-License-Identifier: GPL-2.0
/*
 * Permissions of named events, checked as non-root users: owner, group and
 * other bits against WAIT (read) and MODIFY (write), for OPEN and for
 * CREATE of an existing name; CAP_IPC_OWNER; PERMANENT and UNLINK need
 * CAP_SYS_ADMIN.
 */
#include "kt.h"

#include <grp.h>
#include <sys/wait.h>

#define OWNER	1000
#define MEMBER	1001	/* in group OWNER */
#define OTHER	1002

/* Run @fn as uid/gid in a child; returns its result (-errno or fd>=0 -> 0). */
static int as_user(uid_t uid, gid_t gid, int (*fn)(const char *, uint32_t),
		   const char *name, uint32_t access)
{
	int status;
	pid_t pid = fork();

	if (!pid) {
		int r;

		if (setgroups(0, NULL) || setresgid(gid, gid, gid) ||
		    setresuid(uid, uid, uid))
			_exit(100);
		r = fn(name, access);
		_exit(r >= 0 ? 0 : -r);
	}
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) == 100)
		bail_out("child as uid %u failed to start", uid);
	return -WEXITSTATUS(status);
}

static int do_open(const char *name, uint32_t access)
{
	return kt_open(name, access);
}

static int do_create(const char *name, uint32_t flags)
{
	return kt_create(name, flags);
}

static int do_unlink(const char *name, uint32_t unused)
{
	(void)unused;
	return kt_unlink(name);
}

/* Create NAME with MODE as OWNER:OWNER, keep it alive in a child. */
static pid_t create_as_owner(const char *name, unsigned int mode)
{
	int pfd[2];
	pid_t pid;
	char c;

	if (pipe(pfd))
		bail_out("pipe");
	pid = fork();
	if (!pid) {
		int fd;

		if (setresgid(OWNER, OWNER, OWNER) || setresuid(OWNER, OWNER, OWNER))
			_exit(1);
		fd = kt_create_ex(name, 0, mode, NULL);
		c = fd >= 0 ? 'y' : 'n';
		if (write(pfd[1], &c, 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	if (read(pfd[0], &c, 1) != 1 || c != 'y')
		bail_out("owner could not create %s", name);
	close(pfd[0]);
	close(pfd[1]);
	return pid;
}

static void stop(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

int main(void)
{
	static const struct {
		unsigned int mode;
		uid_t uid;
		gid_t gid;
		uint32_t access;
		int want;
		const char *what;
	} m[] = {
		{ 0600, OWNER, OWNER, KEVENT_ACCESS_ALL, 0, "owner rw- opens ALL" },
		{ 0600, MEMBER, OWNER, KEVENT_ACCESS_WAIT, -EACCES, "group --- cannot WAIT" },
		{ 0600, OTHER, OTHER, KEVENT_ACCESS_WAIT, -EACCES, "other --- cannot WAIT" },
		{ 0400, OWNER, OWNER, KEVENT_ACCESS_WAIT, 0, "owner r-- opens WAIT" },
		{ 0400, OWNER, OWNER, KEVENT_ACCESS_MODIFY, -EACCES, "owner r-- cannot MODIFY" },
		{ 0200, OWNER, OWNER, KEVENT_ACCESS_MODIFY, 0, "owner -w- opens MODIFY" },
		{ 0200, OWNER, OWNER, KEVENT_ACCESS_WAIT, -EACCES, "owner -w- cannot WAIT" },
		{ 0640, MEMBER, OWNER, KEVENT_ACCESS_WAIT, 0, "group r-- opens WAIT" },
		{ 0640, MEMBER, OWNER, KEVENT_ACCESS_MODIFY, -EACCES, "group r-- cannot MODIFY" },
		{ 0620, MEMBER, OWNER, KEVENT_ACCESS_MODIFY, 0, "group -w- opens MODIFY" },
		{ 0640, OTHER, OTHER, KEVENT_ACCESS_WAIT, -EACCES, "other --- under 0640 cannot WAIT" },
		{ 0604, OTHER, OTHER, KEVENT_ACCESS_WAIT, 0, "other r-- opens WAIT" },
		{ 0604, OTHER, OTHER, KEVENT_ACCESS_MODIFY, -EACCES, "other r-- cannot MODIFY" },
		{ 0606, OTHER, OTHER, KEVENT_ACCESS_ALL, 0, "other rw- opens ALL" },
		{ 0066, OWNER, OWNER, KEVENT_ACCESS_WAIT, -EACCES, "owner bits rule for the owner (0066)" },
	};
	unsigned int i;
	pid_t owner;
	int fd;

	if (kt_dev() < 0)
		bail_out("cannot open %s: %s", KEVENT_DEVICE_PATH, strerror(errno));
	if (getuid() != 0)
		skip_all("needs root to switch users");

	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		char name[32];

		snprintf(name, sizeof(name), "kt-perm-%u", i);
		owner = create_as_owner(name, m[i].mode);
		is_int(as_user(m[i].uid, m[i].gid, do_open, name, m[i].access), m[i].want,
		       "mode %04o: %s", m[i].mode, m[i].what);
		stop(owner);
	}

	owner = create_as_owner("kt-perm-create", 0604);
	is_int(as_user(OTHER, OTHER, do_create, "kt-perm-create", 0), -EACCES,
	       "CREATE of an existing name checks WAIT and MODIFY (other r--: EACCES)");
	is_int(as_user(OWNER, OWNER, do_create, "kt-perm-create", 0), 0,
	       "CREATE of an existing name by its owner (rw-) opens it");
	fd = kt_open("kt-perm-create", KEVENT_ACCESS_ALL);
	ok(fd >= 0, "root (CAP_IPC_OWNER) opens any event");
	close(fd);
	stop(owner);

	owner = create_as_owner("kt-perm-mode0", 0);
	is_int(as_user(OTHER, OTHER, do_open, "kt-perm-mode0", KEVENT_ACCESS_WAIT), -EACCES,
	       "mode 0 means the default 0600: others cannot open");
	is_int(as_user(OWNER, OWNER, do_open, "kt-perm-mode0", KEVENT_ACCESS_ALL), 0,
	       "... the owner can");
	stop(owner);

	is_int(as_user(OWNER, OWNER, do_create, "kt-perm-permanent", KEVENT_CREATE_PERMANENT),
	       -EPERM, "PERMANENT without CAP_SYS_ADMIN: EPERM");
	fd = kt_create("kt-perm-unlink", KEVENT_CREATE_PERMANENT | KEVENT_CREATE_INITIAL_SET);
	close(fd);
	is_int(as_user(OWNER, OWNER, do_unlink, "kt-perm-unlink", 0), -EPERM,
	       "UNLINK without CAP_SYS_ADMIN: EPERM");
	fd = kt_open("kt-perm-unlink", KEVENT_ACCESS_ALL);
	ok(fd >= 0 && kt_state(fd) == 1, "... and the permanent event is untouched");
	close(fd);
	is_int(kt_unlink("kt-perm-unlink"), 0, "root unlinks it");
	return done();
}
