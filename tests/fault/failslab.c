// SPDX-License-Identifier: GPL-2.0
/*
 * failslab: every allocation on kevent's call paths fails in turn, and each
 * failure is clean. For each operation (create anonymous, named, in a new
 * IPC namespace, by a new user; open; waits on 8 events; /proc/kevent and
 * fdinfo; the hwsim requests) the test makes the 1st, 2nd, 3rd, ... fault
 * point of that one system call fail (/proc/thread-self/fail-nth, with
 * failslab taking GFP_KERNEL allocations too), until a run reaches none.
 * Each failed call must return ENOMEM (or its documented error), leave no
 * half-registered name (OPEN gives ENOENT, /proc/kevent does not list it)
 * and change no state; each call that succeeded must work. Leaked
 * references are found by the debug profile's post-suite kmemleak scan,
 * and kernel complaints by the rig.
 *
 * Needs CONFIG_FAILSLAB and CONFIG_FAULT_INJECTION_DEBUG_FS (the debug
 * profile); elsewhere the program says so and skips.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <sys/wait.h>
#include <linux/kevent_hwsim.h>

#include "../core/kt.h"

#define FAILSLAB	"/sys/kernel/debug/failslab/"
#define MAX_NTH		200

/*
 * This thread's fail-nth, opened once: opening it while armed would itself
 * allocate, and count as one of the fault points. Reopened after fork().
 */
static int nth_fd = -1;
static int armed, was_injected;

static void nth_open(void)
{
	if (nth_fd >= 0)
		close(nth_fd);
	nth_fd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	if (nth_fd < 0)
		bail_out("/proc/thread-self/fail-nth: %s", strerror(errno));
}

static void arm(int nth)
{
	char s[16];

	snprintf(s, sizeof(s), "%d", nth);
	armed = 1;
	if (pwrite(nth_fd, s, strlen(s), 0) < 0)
		bail_out("arm fail-nth: %s", strerror(errno));
}

/* Disarm; remember whether the fault was injected since arm(). */
static void disarm(void)
{
	char buf[32] = "";

	if (!armed)
		return;
	armed = 0;
	if (pread(nth_fd, buf, sizeof(buf) - 1, 0) <= 0)
		bail_out("read fail-nth: %s", strerror(errno));
	if (pwrite(nth_fd, "0", 1, 0) < 0)
		bail_out("disarm fail-nth: %s", strerror(errno));
	if (strtol(buf, NULL, 10) == 0)
		was_injected = 1;
}

static int hw = -1;
static int evs[8];

/* One operation: returns 0 or -errno; cleans up what it made on success. */
typedef int (*op_fn)(int nth);

static int op_create_anon(int nth)
{
	int fd;

	arm(nth);
	fd = kt_create(NULL, KEVENT_CREATE_MANUAL_RESET);
	if (fd >= 0)
		close(fd);
	return fd < 0 ? fd : 0;
}

/* A named create that fails must leave no name behind. */
static int op_create_named(int nth)
{
	int fd;

	arm(nth);
	fd = kt_create("fi-named", 0);
	if (fd < 0) {
		disarm();
		if (kt_open("fi-named", KEVENT_ACCESS_ALL) != -ENOENT ||
		    kt_proc_lists("fi-named"))
			return -EEXIST;	/* half-registered */
		return fd;
	}
	close(fd);
	return 0;
}

/* Opening an existing name through CREATE and OPEN. */
static int existing = -1;

static int op_create_existing(int nth)
{
	int fd, existed = 0;

	arm(nth);
	fd = kt_create_ex("fi-existing", 0, 0, &existed);
	if (fd >= 0) {
		close(fd);
		return existed ? 0 : -EBADE;
	}
	return fd;
}

static int op_open(int nth)
{
	int fd;

	arm(nth);
	fd = kt_open("fi-existing", KEVENT_ACCESS_ALL);
	if (fd >= 0)
		close(fd);
	return fd < 0 ? fd : 0;
}

/*
 * Run @fn(@arg) in a child (new IPC namespace, or as a new user), with the
 * nth fault point armed there. Exit status: errno, +100 if injected.
 */
static int in_child(int newns, int uid, int (*fn)(void), int nth)
{
	int status, r;
	pid_t pid = fork();

	if (!pid) {
		if (newns && unshare(CLONE_NEWIPC))
			_exit(99);
		nth_open();	/* before the uid change: it is root's file */
		if (uid && (setresgid(uid, uid, uid) || setresuid(uid, uid, uid)))
			_exit(99);
		arm(nth);
		r = fn();
		disarm();
		_exit((r < 0 ? -r : 0) + (was_injected ? 100 : 0));
	}
	waitpid(pid, &status, 0);
	status = WIFEXITED(status) ? WEXITSTATUS(status) : 255;
	if (status == 99 || status == 255)
		return -EIO;
	if (status >= 100) {
		was_injected = 1;
		status -= 100;
	}
	return -status;
}

static int create_named_plain(void)
{
	int fd = kt_create("fi-ns", 0);

	if (fd < 0)
		return fd;
	close(fd);
	return 0;
}

static int create_anon_plain(void)
{
	int fd = kt_create(NULL, 0);

	if (fd < 0)
		return fd;
	close(fd);
	return 0;
}

/* A first event in a new IPC namespace allocates kevent's namespace state. */
static int op_create_newns(int nth)
{
	return in_child(1, 0, create_named_plain, nth);
}

/* A new user's first event allocates its accounting entry. */
static int next_uid = 3000;

static int op_create_newuser(int nth)
{
	return in_child(0, next_uid++, create_anon_plain, nth);
}

/* A wait on 8 events allocates its entries (up to 4 live on the stack). */
static int op_wait_any8(int nth)
{
	int r;

	arm(nth);
	r = kt_waitv(evs, 8, 0, 1 * KT_MS);
	return r >= 0 ? -EBADE : r;	/* nothing is signaled: ETIMEDOUT */
}

static int op_wait_all8(int nth)
{
	int r, i, bad = 0;

	for (i = 0; i < 8; i++)
		kt_set(evs[i]);
	arm(nth);
	r = kt_waitv(evs, 8, KEVENT_WAIT_ALL, 1 * KT_MS);
	disarm();
	for (i = 0; i < 8; i++)
		if (kt_reset(evs[i]) != (r == 0 ? 0 : 1))
			bad = 1;	/* consumed all on success, none on failure */
	return bad ? -EBADE : r;
}

static int op_proc(int nth)
{
	char buf[4096];
	int fd;
	ssize_t n;

	arm(nth);
	fd = open("/proc/kevent", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	return n < 0 ? -errno : 0;
}

static int op_fdinfo(int nth)
{
	char path[64], buf[512];
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", evs[0]);
	arm(nth);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	return n < 0 ? -errno : 0;
}

static int op_hw_register(int nth)
{
	struct kevent_hwsim_register a = { .fd = evs[0], .context = KEVENT_HWSIM_CTX_HARDIRQ,
					   .delay_ns = 1 * KT_MS };

	kt_reset(evs[0]);
	arm(nth);
	if (ioctl(hw, KEVENT_HWSIM_IOC_REGISTER_EVENT, &a) < 0)
		return -errno;
	disarm();
	return kt_wait(evs[0], 5000 * KT_MS);
}

static int op_hw_wait(int nth)
{
	struct kevent_hwsim_wait a = { .delay_ns = 1 * KT_MS, .context = KEVENT_HWSIM_CTX_SOFTIRQ };

	arm(nth);
	return ioctl(hw, KEVENT_HWSIM_IOC_WAIT_EVENT, &a) < 0 ? -errno : 0;
}

static int op_hw_named(int nth)
{
	struct kevent_hwsim_named a = { .delay_ns = 1 * KT_MS, .context = KEVENT_HWSIM_CTX_HARDIRQ };

	strcpy(a.name, "fi-existing");
	kt_reset(existing);
	arm(nth);
	if (ioctl(hw, KEVENT_HWSIM_IOC_SIGNAL_NAMED, &a) < 0)
		return -errno;
	disarm();
	return kt_wait(existing, 5000 * KT_MS);
}

struct site {
	const char *name;
	op_fn fn;
	int extra_ok;	/* another errno the ABI documents for this failure */
};

static const struct site sites[] = {
	{ "CREATE anonymous", op_create_anon, 0 },
	{ "CREATE named (new name)", op_create_named, 0 },
	{ "CREATE of an existing name", op_create_existing, 0 },
	{ "OPEN", op_open, 0 },
	{ "CREATE in a new IPC namespace", op_create_newns, 0 },
	{ "CREATE by a new user", op_create_newuser, 0 },
	{ "WAIT any of 8", op_wait_any8, ETIMEDOUT },
	{ "WAIT all of 8", op_wait_all8, ETIMEDOUT },
	{ "read /proc/kevent", op_proc, 0 },
	{ "read fdinfo", op_fdinfo, 0 },
	{ "hwsim REGISTER_EVENT", op_hw_register, 0 },
	{ "hwsim WAIT_EVENT", op_hw_wait, 0 },
	{ "hwsim SIGNAL_NAMED", op_hw_named, 0 },
};

int main(void)
{
	unsigned int s;
	int i, fd;

	if (access("/proc/thread-self/fail-nth", W_OK) || access(FAILSLAB "ignore-gfp-wait", W_OK))
		skip_all("this kernel has no failslab fault injection (CONFIG_FAILSLAB, "
			 "CONFIG_FAULT_INJECTION_DEBUG_FS): the debug profile runs it");
	if (kt_dev() < 0)
		bail_out("cannot open %s: %s", KEVENT_DEVICE_PATH, strerror(errno));
	hw = open(KEVENT_HWSIM_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (hw < 0)
		bail_out("%s: %s", KEVENT_HWSIM_DEVICE_PATH, strerror(errno));
	nth_open();
	/* GFP_KERNEL allocations too, and quietly (no stack dump per fault). */
	kt_write_file(FAILSLAB "ignore-gfp-wait", "N");
	kt_write_file(FAILSLAB "verbose", "0");
	for (i = 0; i < 8; i++)
		evs[i] = kt_create(NULL, 0);
	existing = kt_create("fi-existing", 0);

	for (s = 0; s < sizeof(sites) / sizeof(sites[0]); s++) {
		int nth, r, injected, failures = 0, bad = 0, badr = 0;

		for (nth = 1; nth <= MAX_NTH; nth++) {
			was_injected = 0;
			r = sites[s].fn(nth);
			disarm();
			injected = was_injected;
			if (!injected)
				break;	/* the call reached fewer than nth fault points */
			if (r == 0)
				continue;	/* a fault the call recovers from */
			failures++;
			if (r != -ENOMEM && r != -sites[s].extra_ok && !bad++)
				badr = r;
		}
		ok(nth > 1 && nth <= MAX_NTH && !bad,
		   "%s: %d fault points failed in turn, %d failed the call, all cleanly%s%s",
		   sites[s].name, nth - 1, failures, bad ? "; first bad result: " : "",
		   bad ? strerror(-badr) : "");
	}
	kt_write_file(FAILSLAB "ignore-gfp-wait", "Y");

	is_int(kt_open("fi-named", KEVENT_ACCESS_ALL), -ENOENT, "no name was left behind");
	is_int(kt_proc_lists("fi-named"), 0, "... nor listed in /proc/kevent");
	fd = kt_create("fi-after", 0);
	ok(fd >= 0 && kt_set(fd) == 0 && kt_wait(fd, 0) == 0, "kevent works afterwards");
	close(fd);
	for (i = 0; i < 8; i++)
		close(evs[i]);
	close(existing);
	return done();
}
