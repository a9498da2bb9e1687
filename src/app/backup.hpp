#pragma once
// `socialpact backup` and `socialpact restore` (issue 16, decision 0031): one archive (.tar.gz) with
// a manifest, the database — SQLite: a consistent copy of the live database (VACUUM INTO, which
// readers and the writer go on around); PostgreSQL: pg_dump's custom format, itself one consistent
// snapshot — and the uploaded files. Never the identity key: it is kept apart, and the commands say
// where it is. A restore goes into an empty data directory or database only.
#include <string>

#include "app/app.hpp"

namespace sp {
// Writes the archive to `out`; returns what the manifest says, for the command to print.
std::string backup(App& app, const std::string& out);
// Restores the archive at `from` into the configured data directory and database (both empty, else
// refused before anything is written); returns a line for the command to print.
std::string restore(App& app, const std::string& from);
}  // namespace sp
