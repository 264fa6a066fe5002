#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include "CTerminalSupport.h"
#include <ncursesw/curses.h>
#include <signal.h>
#include <string.h>
#include <langinfo.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t pending_signal = 0;

static void record_signal(int sig) { pending_signal = sig; }

unsigned int kt_attr_bold(void) { return (unsigned int)A_BOLD; }
unsigned int kt_attr_reverse(void) { return (unsigned int)A_REVERSE; }
unsigned int kt_attr_dim(void) { return (unsigned int)A_DIM; }
unsigned int kt_attr_underline(void) { return (unsigned int)A_UNDERLINE; }
unsigned int kt_color_pair(short n) { return (unsigned int)COLOR_PAIR(n); }

void kt_install_signal_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = record_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    /* A parent may have left these blocked (a blocked mask is inherited across exec):
       unblock them, or resizes and hang-ups would never arrive. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGWINCH);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

int kt_pending_signal(void) { return (int)pending_signal; }

int kt_disable_interrupt_key(void) {
    struct termios t;
    if (tcgetattr(STDIN_FILENO, &t) != 0) return -1;
    t.c_cc[VINTR] = _POSIX_VDISABLE;
    if (tcsetattr(STDIN_FILENO, TCSANOW, &t) != 0) return -1;
    /* Curses restores this mode after Ctrl-Z and fg; endwin restores the shell's. */
    def_prog_mode();
    return 0;
}

int kt_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}
