// SPDX-License-Identifier: GPL-2.0
/*
 * kevent_trace.c - instantiates kevent's tracepoints (kevent_trace.h)
 *
 * The one place CREATE_TRACE_POINTS is defined; every other file includes
 * kevent_trace.h for the trace_kevent_*() calls.
 */
#define CREATE_TRACE_POINTS
#include "kevent_trace.h"
