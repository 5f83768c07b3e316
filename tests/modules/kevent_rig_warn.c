// SPDX-License-Identifier: GPL-2.0
/*
 * kevent_rig_warn: a test-only module for the rig's self-test. Loading it
 * with warn=1 (the default) fires a kernel WARNING; `make rig-selftest`
 * checks that such a run fails. warn=0 loads quietly.
 */
#include <linux/bug.h>
#include <linux/module.h>

static bool warn = true;
module_param(warn, bool, 0444);
MODULE_PARM_DESC(warn, "fire a WARNING on load (default: yes)");

static int __init kevent_rig_warn_init(void)
{
	WARN(warn, "kevent_rig_warn: deliberate warning for the rig self-test\n");
	return 0;
}

static void __exit kevent_rig_warn_exit(void)
{
}

module_init(kevent_rig_warn_init);
module_exit(kevent_rig_warn_exit);

MODULE_DESCRIPTION("kevent rig self-test: fires a WARNING on load");
MODULE_LICENSE("GPL");
