// SPDX-License-Identifier: GPL-2.0
/*
 * kevent_sanitizer_bugs: a test-only module with deliberate bugs, one per
 * checker of the debug kernels, so that the rig can prove it sees them
 * (scripts/rig-selftest-sanitizers). Load it with bug=NAME; the bug runs in
 * the module's init function and the module then loads normally:
 *
 *   uaf   kmalloc, kfree, then read the freed object      (KASAN, debug)
 *   abba  lock A then B, later B then A, in one thread     (lockdep)
 *   race  two kthreads write a plain variable, no lock     (KCSAN, kcsan)
 *   leak  kmalloc 16 times, forget the pointers             (kmemleak, debug)
 *   rawnest  a spinlock_t taken under a raw spinlock: a sleeping lock
 *         on PREEMPT_RT (lockdep with PROVE_RAW_LOCK_NESTING, any kernel)
 *
 * bug= (empty, the default) does nothing. Never load it outside the rig.
 */
#include <linux/compiler.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

static char *bug = "";
module_param(bug, charp, 0444);
MODULE_PARM_DESC(bug, "deliberate bug to trigger on load: uaf, abba, race, leak, rawnest");

static noinline int kevent_sanbug_uaf(void)
{
	char *p = kmalloc(64, GFP_KERNEL);
	char v;

	if (!p)
		return -ENOMEM;
	memset(p, 0x5a, 64);
	kfree(p);
	OPTIMIZER_HIDE_VAR(p);
	v = READ_ONCE(p[8]);		/* use after free: KASAN */
	pr_info("kevent_sanbug: read %#x from a freed object\n", v & 0xff);
	return 0;
}

static DEFINE_MUTEX(kevent_sanbug_a);
static DEFINE_MUTEX(kevent_sanbug_b);

static noinline int kevent_sanbug_abba(void)
{
	/* A then B ... */
	mutex_lock(&kevent_sanbug_a);
	mutex_lock(&kevent_sanbug_b);
	mutex_unlock(&kevent_sanbug_b);
	mutex_unlock(&kevent_sanbug_a);
	/* ... then B then A: lockdep reports the inversion, no deadlock here */
	mutex_lock(&kevent_sanbug_b);
	mutex_lock(&kevent_sanbug_a);
	mutex_unlock(&kevent_sanbug_a);
	mutex_unlock(&kevent_sanbug_b);
	return 0;
}

static DEFINE_RAW_SPINLOCK(kevent_sanbug_raw);
static DEFINE_SPINLOCK(kevent_sanbug_sleeping);

static noinline int kevent_sanbug_rawnest(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&kevent_sanbug_raw, flags);
	spin_lock(&kevent_sanbug_sleeping);	/* sleeps on RT: lockdep */
	spin_unlock(&kevent_sanbug_sleeping);
	raw_spin_unlock_irqrestore(&kevent_sanbug_raw, flags);
	return 0;
}

static int kevent_sanbug_racy;	/* written by both threads without a lock */

static int kevent_sanbug_racer(void *arg)
{
	unsigned long end = jiffies + 2 * HZ;

	while (time_before(jiffies, end) && !kthread_should_stop()) {
		kevent_sanbug_racy++;	/* plain, unsynchronised: KCSAN */
		cpu_relax();
	}
	while (!kthread_should_stop())
		msleep(20);
	return 0;
}

static noinline int kevent_sanbug_race(void)
{
	struct task_struct *t[2];
	int i;

	for (i = 0; i < 2; i++) {
		t[i] = kthread_run(kevent_sanbug_racer, NULL, "kevent_sanbug/%d", i);
		if (IS_ERR(t[i])) {
			while (--i >= 0)
				kthread_stop(t[i]);
			return -ENOMEM;
		}
	}
	msleep(2500);
	for (i = 0; i < 2; i++)
		kthread_stop(t[i]);
	/* both threads have stopped: no race on this read */
	pr_info("kevent_sanbug: racy counter %d\n", kevent_sanbug_racy);
	return 0;
}

/*
 * kmemleak is conservative: a stale copy of a pointer (a register spilled
 * on a kernel stack that is later reused) makes its object look referenced.
 * With one leaked object that hid the leak in about one run in ten; with
 * sixteen, each spill slot is overwritten by the next iteration, so at most
 * the last one or two can hide.
 */
#define KEVENT_SANBUG_LEAKS 16

static noinline int kevent_sanbug_leak(void)
{
	int i;

	for (i = 0; i < KEVENT_SANBUG_LEAKS; i++) {
		void *p = kmalloc(200, GFP_KERNEL);

		if (!p)
			return -ENOMEM;
		memset(p, 0xa5, 200);
		OPTIMIZER_HIDE_VAR(p);	/* and then forget it: kmemleak */
	}
	return 0;
}

static int __init kevent_sanbug_init(void)
{
	if (!strcmp(bug, "uaf"))
		return kevent_sanbug_uaf();
	if (!strcmp(bug, "abba"))
		return kevent_sanbug_abba();
	if (!strcmp(bug, "race"))
		return kevent_sanbug_race();
	if (!strcmp(bug, "leak"))
		return kevent_sanbug_leak();
	if (!strcmp(bug, "rawnest"))
		return kevent_sanbug_rawnest();
	if (bug[0]) {
		pr_err("kevent_sanbug: unknown bug '%s'\n", bug);
		return -EINVAL;
	}
	return 0;
}

static void __exit kevent_sanbug_exit(void)
{
}

module_init(kevent_sanbug_init);
module_exit(kevent_sanbug_exit);

MODULE_DESCRIPTION("kevent rig self-test: deliberate KASAN, lockdep, KCSAN and kmemleak bugs");
MODULE_LICENSE("GPL");
