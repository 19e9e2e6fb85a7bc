#ifndef KASIR_CNCURSES_SHIM_H
#define KASIR_CNCURSES_SHIM_H
/* The wide-character API (wget_wch, cchar_t, mvaddnwstr) is declared only with NCURSES_WIDECHAR.
   SwiftPM drops pkg-config's -D flags, so define it here, before the include. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <signal.h>
#include <stdio.h>
#include <langinfo.h>
#include <ncursesw/ncurses.h>

/* What Swift cannot import: mutable C globals (Swift 6 refuses them) and macros. */
static inline WINDOW *kasir_stdscr(void) { return stdscr; }
static inline int kasir_lines(void) { return LINES; }
static inline int kasir_cols(void) { return COLS; }
static inline int kasir_colors(void) { return COLORS; }
static inline int kasir_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t kasir_a_bold(void) { return A_BOLD; }
static inline attr_t kasir_a_dim(void) { return A_DIM; }
static inline attr_t kasir_a_reverse(void) { return A_REVERSE; }
static inline attr_t kasir_a_underline(void) { return A_UNDERLINE; }
static inline attr_t kasir_a_normal(void) { return A_NORMAL; }

/* newterm on the process's own stdin/stdout (globals Swift 6 will not touch); NULL if TERM is unknown. */
static inline SCREEN *kasir_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline const char *kasir_codeset(void) { return nl_langinfo(CODESET); }

/* Restores the terminal once: a second endwin would emit the restore sequences again and
   move the cursor back over whatever was printed after the console closed. */
static inline void kasir_endwin_once(void) {
    if (!isendwin()) endwin();
}

/* Restores the terminal from a signal handler, then lets the signal do what it would have done. */
static inline void kasir_restore_and_reraise(int sig) {
    kasir_endwin_once();
    signal(sig, SIG_DFL);
    raise(sig);
}

static inline void kasir_install_restore_handlers(void) {
    int signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE };
    for (unsigned i = 0; i < sizeof(signals) / sizeof(signals[0]); i++) signal(signals[i], kasir_restore_and_reraise);
}
#endif
