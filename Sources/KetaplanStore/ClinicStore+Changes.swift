import Foundation
import KetaplanEngine

/// Noticing other processes' saves, for an open screen (issue 13: colleagues' changes
/// live). Every save appends its patient's summary to `index-journal.tsv` under the
/// folder's lock, so polling a handful of `stat`s (`ChangeMark`) tells whether anything
/// changed, and the journal's new lines say what; only an unusual change (the index
/// rewritten, the clinic file edited, a patient file removed or copied in by hand) needs
/// the full, checked load.
extension ClinicStore {
    /// Where the data folder stood when last looked at: each watched file's identity,
    /// size and time, and how much of the journal has been read.
    public struct ChangeMark: Equatable, Sendable {
        var index: FileStamp?
        var journal: FileStamp?
        var clinic: FileStamp?
        var protocols: FileStamp?
        var patients: FileStamp?
        /// Bytes of the journal already taken (up to its last whole line).
        var journalRead: Int64
        /// Polls in a row that saw the patients folder change without a journal line.
        var unexplained = 0
    }

    /// One file's identity, size and modification time (ns).
    struct FileStamp: Equatable, Sendable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var mtime: Int64

        init?(_ path: String) {
            var st = stat()
            guard lstat(path, &st) == 0 else { return nil }
            device = UInt64(st.st_dev)
            inode = UInt64(st.st_ino)
            size = Int64(st.st_size)
            mtime = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        }
    }

    /// What changed since a mark.
    public enum FolderChange: Equatable, Sendable {
        /// Nothing.
        case none
        /// These patients were saved (each summary checked against its file as it is now).
        case patients([PatientSummary])
        /// Something the journal does not describe: load everything again, checked.
        case everything
    }

    /// The folder as it stands now, with the whole journal counted as read (take it right
    /// after a full load, which read the journal).
    public func changeMark() -> ChangeMark {
        let index = SummaryIndex(folder: folder)
        let journal = FileStamp(index.journalFile)
        return ChangeMark(index: FileStamp(index.mainFile), journal: journal, clinic: FileStamp(folder.clinicFile),
                          protocols: FileStamp(folder.protocolsFolder), patients: FileStamp(folder.patientsFolder),
                          journalRead: journal?.size ?? 0)
    }

    /// What changed since `mark`, and the mark to pass next time. Costs five `stat`s when
    /// nothing did, plus the journal's new lines and one `stat` per patient they name.
    public func changes(since mark: ChangeMark) -> (FolderChange, ChangeMark) {
        changes(since: mark, underLock: false)
    }

    /// `changes(since:)`; `underLock` when the caller holds the folder's lock, so no save is
    /// half done: a patients folder changed without a journal line is then a change by
    /// hand (or a crashed save), and everything must be read at once.
    func changes(since mark: ChangeMark, underLock: Bool) -> (FolderChange, ChangeMark) {
        let now = changeMark()
        if now.index != mark.index || now.clinic != mark.clinic || now.protocols != mark.protocols {
            return (.everything, now)
        }
        let sameJournal = now.journal?.device == mark.journal?.device && now.journal?.inode == mark.journal?.inode
        if !sameJournal && mark.journal != nil { return (.everything, now) }
        let size = now.journal?.size ?? 0
        if size < mark.journalRead { return (.everything, now) }
        if size == mark.journalRead {
            guard now.patients != mark.patients else { return (.none, mark) }
            if underLock { return (.everything, now) }
            // A save renames its file into place before it appends its journal line: a
            // folder change alone may be a save half done, so wait one more poll before
            // reading everything (a file removed or copied in by hand).
            var next = mark
            next.unexplained += 1
            return next.unexplained >= 2 ? (.everything, now) : (.none, next)
        }
        let (entries, consumed) = SummaryIndex(folder: folder).readJournal(from: mark.journalRead)
        var next = now
        next.journalRead = mark.journalRead + consumed
        // A journal line names a file as it was just after that save: one that has changed
        // since (a later save, an edit by hand) is read again rather than trusted.
        let day = calendarDay
        // Lines are trusted only when judged under the clinic's settings as they are now.
        guard let clinic = try? loadClinic() else { return (.everything, now) }
        let identity = SummaryIndex.settingsIdentity(clinic)
        var summaries: [PatientSummary] = []
        for entry in entries {
            let path = folder.patientFile(entry.summary.id)
            if let stamp = SummaryIndex.stamp(path), stamp.0 == entry.size, stamp.1 == entry.mtime, entry.summary.asOf == day, entry.settings == identity {
                summaries.append(entry.summary)
                continue
            }
            guard let stored = try? loadPatient(entry.summary.id) else { return (.everything, now) }
            summaries.append(PatientSummary(chart: stored.chart, day: day, settings: clinic.settings, calendar: clinic.calendar))
        }
        return (summaries.isEmpty ? .none : .patients(summaries), next)
    }
}
