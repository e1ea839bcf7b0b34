/* Telling the caller what happened: streams, diagnostics, JSON, tables. */
#ifndef SBX_REPORT_H
#define SBX_REPORT_H

#include "outcome.h"
#include "run.h"
#include "sbx.h"

/* Write what the run loop could not deliver yet (blocking, like cat). */
void	report_flush(const struct run_result *);
/* The outcome's diagnostic on stderr, unless --quiet hides it. */
void	report_message(const struct sbx_opts *, const struct outcome *);
struct run_files;

/* The --json object on stdout. Returns -1 if stdout failed. */
int	report_json(const struct sbx_opts *, const struct run_result *,
	    const struct outcome *, const struct run_files *);
/* --stats: one line on stderr, wall, CPU and peak memory. */
void	report_stats(const struct run_result *, const struct run_files *);
/* -o: one line per entry that was skipped (a link, a device, ...). */
void	report_skipped(const struct sbx_opts *, const struct run_files *);
/* --languages */
struct lang_table;

int	report_languages(const struct lang_table *);

#endif
