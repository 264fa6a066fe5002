#ifndef KETAPLAN_CTERMINALSUPPORT_H
#define KETAPLAN_CTERMINALSUPPORT_H

/* What Swift cannot take from curses.h directly (macros and global state), and the
   async-signal-safe part of signal handling. */

#include <stdint.h>

/* Attribute bits (NCURSES_BITS macros). */
unsigned int kt_attr_bold(void);
unsigned int kt_attr_reverse(void);
unsigned int kt_attr_dim(void);
unsigned int kt_attr_underline(void);

/* The colour-pair attribute for pair n (COLOR_PAIR is a macro in some builds). */
unsigned int kt_color_pair(short n);

/* Installs handlers for SIGTERM, SIGHUP and SIGINT that only record the signal (the
   main loop polls kt_pending_signal() and shuts down cleanly), and unblocks those and
   SIGWINCH in case the parent process left them blocked. */
void kt_install_signal_handlers(void);

/* The last signal received (0 if none). */
int kt_pending_signal(void);

/* Makes Ctrl-C a key instead of SIGINT (the screen asks before leaving a typed form)
   and records that as curses' program mode, so Ctrl-Z and fg keep it; SIGINT sent by
   kill still stops the program. Returns 0, or -1 if the terminal refused. */
int kt_disable_interrupt_key(void);

/* Whether the current locale's character set is UTF-8. */
int kt_locale_is_utf8(void);

#endif
