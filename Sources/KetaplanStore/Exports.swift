/// The store's value types (clinic.json, charts as stored, summaries, audit lines, load
/// problems) live in KetaplanRecords, which needs no file system; every client of the
/// store sees them through this module as before.
@_exported import KetaplanRecords
