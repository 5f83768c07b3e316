// SPDX-License-Identifier: GPL-2.0
/*
 * hwsim/notifier: the driver's kevent_notifier (notify_names, default
 * hwevent0..hwevent3). An index out of range is EINVAL (ioctl and sysfs);
 * with no application event the notify is ENOENT; the application-restart
 * cycle works: the app creates its event and is notified, exits, is
 * notified nothing (ENOENT), recreates its event and is notified again.
 * While the app's event lives, notifies make no name lookup.
 */
#include "hw.h"

#define SYSFS_NOTIFY "/sys/class/misc/kevent-hwsim/notify"
#define INDEX 2
#define NAME "hwevent2"

/* write(2) of s to path: 0 or -errno. */
static int sysfs_write(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY), r = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, s, strlen(s)) < 0)
		r = -errno;
	close(fd);
	return r;
}

/* The application: creates NAME, says so, waits up to 10 s to be notified. */
static pid_t app(int ready)
{
	pid_t pid = fork();

	if (pid == 0) {
		int ev = kev_create(NAME, 0, 0600, NULL);

		if (ev < 0 || write(ready, "r", 1) != 1)
			_exit(3);
		_exit(kev_wait(ev, 10000) == 0 ? 0 : 1);
	}
	return pid;
}

static int app_result(pid_t pid)
{
	int st;

	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int main(void)
{
	struct kevent_hwsim_info info = hw_info();
	unsigned long long l0, l1;
	int hw, p[2], round, i, bad = 0;
	char c, buf[16];
	pid_t pid;

	if (info.notify_count <= INDEX)
		skip_all("notify_names has fewer than %d names", INDEX + 1);
	plan(15);
	hw = hw_open();
	if (pipe(p))
		bail_out("pipe");

	is_int(hw_notify(hw, info.notify_count, 0), -EINVAL,
	       "index = count (%u): EINVAL from kevent_notify_index", info.notify_count);
	is_int(hw_notify(hw, ~0U, 0), -EINVAL, "index 0xffffffff: EINVAL");
	is_int(hw_notify(hw, info.notify_count, MS), -EINVAL, "delayed notify, bad index: EINVAL");
	snprintf(buf, sizeof(buf), "%u", info.notify_count);
	is_int(sysfs_write(SYSFS_NOTIFY, buf), -EINVAL, "sysfs notify, bad index: EINVAL");
	is_int(hw_notify(hw, INDEX, 0), -ENOENT, "no application event yet: ENOENT");

	for (round = 1; round <= 2; round++) {
		pid = app(p[1]);
		if (read(p[0], &c, 1) != 1)
			bail_out("app did not start");
		is_int(hw_notify(hw, INDEX, 0), 0, "round %d: app created " NAME ", notify: 0",
		       round);
		is_int(app_result(pid), 0, "round %d: the app was notified", round);
		is_int(hw_notify(hw, INDEX, 0), -ENOENT,
		       "round %d: the app exited, its event died: ENOENT", round);
	}

	/* The sysfs trigger, and no lookup per notify while the event lives. */
	pid = app(p[1]);
	if (read(p[0], &c, 1) != 1)
		bail_out("app did not start");
	snprintf(buf, sizeof(buf), "%d", INDEX);
	is_int(sysfs_write(SYSFS_NOTIFY, buf), 0, "sysfs notify: 0");
	is_int(app_result(pid), 0, "the app was notified through sysfs");
	{
		int ev = kev_create(NAME, KEV_MANUAL_RESET, 0600, NULL);

		hw_notify(hw, INDEX, 0);
		l0 = hw_info().notify_lookups;
		for (i = 0; i < 100; i++)
			bad += hw_notify(hw, INDEX, 0) != 0;
		l1 = hw_info().notify_lookups;
		is_int(bad, 0, "100 notifies of a living event succeed");
		is_int(l1 - l0, 0, "and make no name lookup (lookups %llu -> %llu)", l0, l1);
		kev_close(ev);
	}
	close(hw);
	return done();
}
