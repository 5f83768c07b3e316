// SPDX-License-Identifier: GPL-2.0
/*
 * Permissions as the unprivileged user (uid/gid 1000, through fork and
 * setuid): the mode of a named event decides which rights kev_open grants;
 * KEV_PERMANENT and kev_unlink need CAP_SYS_ADMIN. Runs as root.
 */
#include "lt.h"

#include <sys/stat.h>

struct req {
	const char *name;
	unsigned int access;
	unsigned int flags;
};

/*
 * Child side: return 0 on success, else the errno (an errno fits in the
 * exit status).
 */
static int child_open(void *arg)
{
	struct req *r = arg;
	int ev = kev_open(r->name, r->access, 0);

	return ev < 0 ? errno : 0;
}

static int child_create(void *arg)
{
	struct req *r = arg;
	int ev = kev_create(r->name, r->flags, 0, NULL);

	return ev < 0 ? errno : 0;
}

static int child_unlink(void *arg)
{
	struct req *r = arg;

	return kev_unlink(r->name) < 0 ? errno : 0;
}

/* Creates its own event and checks it can use it fully. */
static int child_own(void *arg)
{
	struct req *r = arg;
	int ev = kev_create(r->name, 0, 0, NULL);
	int other;

	if (ev < 0)
		return 100;
	other = kev_open(r->name, KEV_ACCESS_ALL, 0);
	if (other < 0)
		return errno;
	if (kev_set(other) != 0 || kev_wait(ev, 0) != 0)
		return 101;
	return 0;
}

static void expect(int got, int want, const char *what, const char *mode)
{
	if (got == -1 || got == 254) {
		ok(0, "%s on a %s event", what, mode);
		diag("  could not run as uid %d", LT_UID);
		return;
	}
	if (!ok(got == want, "uid %d: %s on a %s event: %s", LT_UID, what, mode,
		want ? strerror(want) : "allowed"))
		diag("  got %s", got ? strerror(got) : "success");
}

static void check_mode(mode_t mode, int wait_err, int modify_err)
{
	char mstr[8];
	struct req r = { .name = lt_name("perm") };
	int ev;

	snprintf(mstr, sizeof(mstr), "%04o", (unsigned int)mode);
	ev = kev_create(r.name, 0, mode, NULL);
	if (ev < 0) {
		ok(0, "create a %s event", mstr);
		return;
	}
	r.access = KEV_ACCESS_WAIT;
	expect(lt_as_user(child_open, &r), wait_err, "open WAIT", mstr);
	r.access = KEV_ACCESS_MODIFY;
	expect(lt_as_user(child_open, &r), modify_err, "open MODIFY", mstr);
	r.access = KEV_ACCESS_ALL;
	expect(lt_as_user(child_open, &r), wait_err ? wait_err : modify_err,
	       "open ALL", mstr);
	r.flags = 0;
	expect(lt_as_user(child_create, &r), wait_err ? wait_err : modify_err,
	       "kev_create of the existing name (needs both rights)", mstr);
	kev_close(ev);
}

int main(void)
{
	struct req r;

	if (geteuid() != 0)
		skip_all("needs root to switch to uid %d", LT_UID);

	check_mode(0, EACCES, EACCES);		/* the default, 0600 */
	check_mode(0600, EACCES, EACCES);
	check_mode(0644, 0, EACCES);
	check_mode(0622, EACCES, 0);
	check_mode(0666, 0, 0);
	check_mode(0660, EACCES, EACCES);	/* group root, user not in it */

	r.name = lt_name("own");
	expect(lt_as_user(child_own, &r), 0, "create and use its own event", "0600");

	r.name = lt_name("perm-permanent");
	r.flags = KEV_PERMANENT;
	expect(lt_as_user(child_create, &r), EPERM, "KEV_PERMANENT", "new");
	lt_fails(kev_open(r.name, KEV_ACCESS_WAIT, 0), ENOENT,
		 "the refused permanent event does not exist");

	{
		int ev = kev_create(r.name, KEV_PERMANENT, 0666, NULL);

		ok(ev >= 0, "root creates a permanent 0666 event");
		kev_close(ev);
		expect(lt_as_user(child_unlink, &r), EPERM, "kev_unlink", "permanent");
		lt_is(kev_unlink(r.name), 0, "root unlinks it");
	}
	return done();
}
