// SPDX-License-Identifier: GPL-2.0
/*
 * fail_function: kevent's functions marked ALLOW_ERROR_INJECTION fail on
 * request (/sys/kernel/debug/fail_function, restricted to this task with
 * task-filter and /proc/thread-self/make-it-fail), and every caller turns
 * the failure into its documented errno and cleans up: no half-registered
 * name, no reference or charge left behind (the event limits are whole
 * afterwards), nothing consumed.
 *
 *   kevent_ns_get       namespace state: CREATE/OPEN/UNLINK, /proc/kevent
 *   kevent_user_get     a user's accounting entry: CREATE, WAIT
 *   kevent_alloc        the event object: CREATE (anonymous and named)
 *   kevent_wait_events  the wait: WAIT (nothing consumed)
 *   hwsim_req_alloc     the demo driver's request: REGISTER_EVENT, NOTIFY
 *   kevent_ns_get       again, inside kevent_notifier_create(), while
 *                       kevent_hwsim loads: the load fails, and retried works
 *
 * Only functions that fail without side effects can be marked: fail_function
 * skips the whole function. (kevent_publish_fd() drops the caller's
 * reference when it fails, so skipping it would leak one; its allocations
 * fail through failslab instead, tests/fault/failslab.c.)
 *
 * Needs CONFIG_FAIL_FUNCTION (the debug profile); elsewhere it skips,
 * saying so.
 */
#include <linux/kevent_hwsim.h>

#include "../core/kt.h"

#define FF	"/sys/kernel/debug/fail_function/"

static int mif_fd = -1;

/* Make @func return @retval for this task, every call, until clear(). */
static int inject(const char *func, long retval)
{
	char path[256], val[32];
	int r;

	r = kt_write_file(FF "inject", func);
	if (r)
		return r;
	snprintf(path, sizeof(path), FF "%s/retval", func);
	/* The attribute is an unsigned long: -ENOMEM is written as 2^64 - 12. */
	snprintf(val, sizeof(val), "%lu", (unsigned long)retval);
	r = kt_write_file(path, val);
	if (!r)
		r = pwrite(mif_fd, "1", 1, 0) == 1 ? 0 : -errno;
	return r;
}

static void clear(void)
{
	if (pwrite(mif_fd, "0", 1, 0) != 1)
		bail_out("make-it-fail: %s", strerror(errno));
	kt_write_file(FF "inject", "\n");
}

int main(void)
{
	long saved_user = kt_param("max_events_per_user");
	struct kevent_hwsim_register reg;
	struct kevent_hwsim_notify nt = { .index = 0 };
	struct kevent_hwsim_info info = { 0 };
	char cmd[512];
	int fd, ev, hw, r, cap_before, cap_after, fds[2];

	if (access(FF "inject", W_OK))
		skip_all("this kernel has no fail_function (CONFIG_FAIL_FUNCTION): "
			 "the debug profile runs it");
	if (kt_dev() < 0)
		bail_out("cannot open %s: %s", KEVENT_DEVICE_PATH, strerror(errno));
	hw = open(KEVENT_HWSIM_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	mif_fd = open("/proc/thread-self/make-it-fail", O_RDWR | O_CLOEXEC);
	if (hw < 0 || mif_fd < 0)
		bail_out("hwsim or make-it-fail: %s", strerror(errno));
	kt_write_file(FF "probability", "100");
	kt_write_file(FF "interval", "1");
	kt_write_file(FF "times", "-1");
	kt_write_file(FF "task-filter", "Y");
	kt_write_file(FF "verbose", "0");
	ev = kt_create("ff-existing", 0);
	fds[0] = kt_create(NULL, 0);
	fds[1] = kt_create(NULL, 0);
	kt_set_param("max_events_per_user", 30);
	cap_before = kt_capacity(40);

	/* kevent_ns_get */
	is_int(inject("kevent_ns_get", -ENOMEM), 0, "inject kevent_ns_get");
	is_int(kt_create("ff-ns", 0), -ENOMEM, "CREATE: ENOMEM");
	is_int(kt_open("ff-existing", KEVENT_ACCESS_ALL), -ENOMEM, "OPEN: ENOMEM");
	is_int(kt_unlink("ff-existing"), -ENOMEM, "UNLINK: ENOMEM");
	errno = 0;
	fd = open("/proc/kevent", O_RDONLY | O_CLOEXEC);
	is_int(fd < 0 ? errno : 0, ENOMEM, "open /proc/kevent: ENOMEM");
	clear();
	is_int(kt_open("ff-ns", KEVENT_ACCESS_ALL), -ENOENT, "... no name was made");

	/* kevent_user_get */
	is_int(inject("kevent_user_get", 0), 0, "inject kevent_user_get (NULL)");
	is_int(kt_create(NULL, 0), -ENOMEM, "CREATE: ENOMEM");
	is_int(kt_create("ff-user", 0), -ENOMEM, "CREATE named: ENOMEM");
	is_int(kt_wait(ev, 0), -ENOMEM, "WAIT: ENOMEM");
	clear();
	is_int(kt_open("ff-user", KEVENT_ACCESS_ALL), -ENOENT, "... no name was made");

	/* kevent_alloc */
	is_int(inject("kevent_alloc", -ENOSPC), 0, "inject kevent_alloc (ENOSPC)");
	is_int(kt_create(NULL, 0), -ENOSPC, "CREATE: ENOSPC");
	is_int(kt_create("ff-alloc", 0), -ENOSPC, "CREATE named: ENOSPC");
	fd = kt_create("ff-existing", 0);
	ok(fd >= 0, "CREATE of an existing name allocates nothing: it opens it");
	close(fd);
	clear();
	is_int(kt_open("ff-alloc", KEVENT_ACCESS_ALL), -ENOENT, "... no name was made");
	ok(!kt_proc_lists("ff-alloc"), "... nor listed");

	/* kevent_wait_events: nothing consumed. */
	kt_set(fds[0]);
	kt_set(fds[1]);
	is_int(inject("kevent_wait_events", -ENOMEM), 0, "inject kevent_wait_events");
	is_int(kt_wait(fds[0], 0), -ENOMEM, "WAIT: ENOMEM");
	is_int(kt_waitv(fds, 2, KEVENT_WAIT_ALL, 0), -ENOMEM, "WAIT all: ENOMEM");
	{
		int sig = kt_create(NULL, 0);
		struct kevent_wait_args w = { .fds = (uintptr_t)fds, .count = 1,
					      .flags = KEVENT_WAIT_SIGNAL, .signal_fd = sig };

		is_int(kt_ret(ioctl(kt_dev(), KEVENT_IOC_WAIT, &w)), -ENOMEM,
		       "WAIT with KEVENT_WAIT_SIGNAL: ENOMEM");
		is_int(kt_state(sig), 0, "... and the event to signal was not set");
		ok(w.flags == KEVENT_WAIT_SIGNAL && w.signal_fd == sig,
		   "... nor the argument rewritten");
		close(sig);
	}
	clear();
	ok(kt_state(fds[0]) == 1 && kt_state(fds[1]) == 1, "... nothing was consumed");

	/* hwsim_req_alloc */
	reg = (struct kevent_hwsim_register){ .fd = fds[0], .delay_ns = 1000 };
	is_int(inject("hwsim_req_alloc", 0), 0, "inject hwsim_req_alloc (NULL)");
	r = ioctl(hw, KEVENT_HWSIM_IOC_REGISTER_EVENT, &reg);
	is_int(r < 0 ? errno : 0, ENOMEM, "hwsim REGISTER_EVENT: ENOMEM");
	r = ioctl(hw, KEVENT_HWSIM_IOC_NOTIFY, &(struct kevent_hwsim_notify){ .delay_ns = 1000 });
	is_int(r < 0 ? errno : 0, ENOMEM, "hwsim delayed NOTIFY: ENOMEM");
	clear();
	r = ioctl(hw, KEVENT_HWSIM_IOC_NOTIFY, &nt);
	ok(r == 0 || errno == ENOENT, "hwsim works afterwards");

	/* The notifier's creation at kevent_hwsim's load (insmod inherits make-it-fail). */
	close(hw);
	snprintf(cmd, sizeof(cmd), "insmod %s/kevent_hwsim.ko 2>/dev/null",
		 getenv("KEVENT_MODDIR") ?: "/lib/modules/kevent");
	is_int(system("rmmod kevent_hwsim"), 0, "unload kevent_hwsim");
	is_int(inject("kevent_ns_get", -ENOMEM), 0, "inject kevent_ns_get");
	r = system(cmd);
	clear();
	ok(r != 0 && access(KEVENT_HWSIM_DEVICE_PATH, F_OK),
	   "kevent_hwsim's load fails when its notifier cannot be made, leaving nothing");
	is_int(system(cmd), 0, "... and loads again afterwards");
	hw = open(KEVENT_HWSIM_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	r = hw >= 0 ? ioctl(hw, KEVENT_HWSIM_IOC_INFO, &info) : -1;
	ok(r == 0 && info.notify_count > 0, "... with its notifier (%u names)", info.notify_count);

	cap_after = kt_capacity(40);
	kt_set_param("max_events_per_user", saved_user);
	ok(cap_before > 0 && cap_after == cap_before,
	   "no charge was left behind: root creates as many events as before (%d, %d)",
	   cap_before, cap_after);
	fd = kt_create("ff-after", 0);
	ok(fd >= 0 && kt_set(fd) == 0 && kt_wait(fd, 0) == 0, "kevent works afterwards");
	close(fd);
	close(ev);
	close(fds[0]);
	close(fds[1]);
	close(hw);
	return done();
}
