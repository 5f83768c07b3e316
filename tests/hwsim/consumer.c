// SPDX-License-Identifier: GPL-2.0
/*
 * hwsim/consumer: the sample consumer module (tests/modules/kevent_consumer,
 * built against kevent's Module.symvers). Its kthread waits with
 * kevent_wait_multiple() for "<name>-go" or its stop event; each "go" arms
 * an hrtimer (HRTIMER_MODE_REL_HARD) that sets "<name>-done" from hardirq
 * context; the thread confirms with kevent_wait(). This test sets "go",
 * waits on "done" (never early), checks the module's counters, and unloads
 * the module while its thread waits and while a round is in flight.
 */
#include "hw.h"

#define DELAY_MS 200

static char name[64];

static int load(void)
{
	char cmd[512];
	const char *dir = getenv("KEVENT_TEST_MODDIR");

	snprintf(cmd, sizeof(cmd), "insmod %s/kevent_consumer.ko name=%s delay_ms=%d",
		 dir ? dir : "/opt/kevent/test-modules", name, DELAY_MS);
	return system(cmd);
}

static long param(const char *p)
{
	char path[128], buf[32] = "";
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/kevent_consumer/parameters/%s", p);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = 0;
	fclose(f);
	return strtol(buf, NULL, 10);
}

int main(void)
{
	char go_name[80], done_name[80];
	int go, dn, i, early = 0, missed = 0;

	plan(13);
	hw_dmesg_mark();
	snprintf(name, sizeof(name), "consumer-%ld", (long)getpid());
	snprintf(go_name, sizeof(go_name), "%s-go", name);
	snprintf(done_name, sizeof(done_name), "%s-done", name);
	if (access("/sys/module/kevent_consumer", F_OK) == 0)
		system("rmmod kevent_consumer");

	is_int(load(), 0, "insmod kevent_consumer.ko name=%s", name);
	go = kev_open(go_name, KEV_ACCESS_ALL, 0);
	dn = kev_open(done_name, KEV_ACCESS_ALL, 0);
	ok(go >= 0 && dn >= 0, "the module created %s and %s", go_name, done_name);
	if (go < 0 || dn < 0)
		bail_out("no events: %s", strerror(errno));
	is_int(kev_is_manual(go), 0, "synchronization events");

	for (i = 0; i < 5; i++) {
		uint64_t t0 = now_ns(), t;

		kev_set(go);
		if (kev_wait(dn, 10000)) {
			missed++;
			continue;
		}
		t = now_ns() - t0;
		if (t < DELAY_MS * MS)
			early++;
		diag("round %d: done after %.3f ms", i + 1, t / 1e6);
	}
	is_int(missed, 0, "5 rounds: every \"go\" brought a \"done\"");
	is_int(early, 0, "none before %d ms", DELAY_MS);
	for (i = 0; i < 100 && param("rounds") < 5; i++)
		sleep_ms(10);
	is_int(param("rounds"), 5, "the kthread's kevent_wait saw 5 timer sets");
	is_int(param("hardirq_sets"), 5, "all 5 sets ran in hardirq with IRQs off");
	is_int(param("errors"), 0, "no unexpected wait result");
	is_int(kev_wait(dn, 300), -1, "no spurious \"done\"");

	is_int(system("rmmod kevent_consumer"), 0, "rmmod while the kthread waits");
	is_int(load(), 0, "insmod again");
	close(go);
	close(dn);
	go = kev_open(go_name, KEV_ACCESS_ALL, 0);
	kev_set(go);		/* a round in flight: the timer is armed */
	sleep_ms(20);
	is_int(system("rmmod kevent_consumer"), 0, "rmmod with a round in flight");
	close(go);
	ok(hw_dmesg_clean(), "no kernel complaint");
	return done();
}
