import Foundation
import Testing
import ClinicEdits
import KetaplanEngine
import KetaplanRecords
import KetaplanStore

/// A clinic change never overwrites a colleague's settings unseen (`ClinicChange.save`,
/// shared by `clinic set` and the settings form): it carries only the settings its
/// clinician set and is applied over the file as it is at the save, so their other
/// settings stay; where both changed the same setting it is refused, naming theirs, and
/// the same change made over their version right after saves.
@Suite struct ClinicConflictTests {
    let today = try! CalendarDay(iso: "2026-01-05")
    let base = ClinicFile(name: "Riverside", calendar: ClinicCalendar(chairsPerDay: 4))

    /// clinic.json in memory, written as the store writes it: only over the version read.
    final class File {
        var clinic: ClinicFile
        var writes = 0
        init(_ clinic: ClinicFile) { self.clinic = clinic }
        func save(_ change: ClinicChange, basedOn: ClinicFile?, today: CalendarDay) throws -> SavedClinicChange {
            try change.save(today: today, basedOn: basedOn, loadClinic: { self.clinic }, saveClinic: { new, over in
                guard over == self.clinic else { return false }
                self.clinic = new
                self.writes += 1
                return true
            }, loadCharts: { [] }, unread: { [] }, saveChart: { _, over in over })
        }
    }

    func chairs(_ n: Int) -> ClinicChange {
        var c = ClinicChange()
        c.chairsPerDay = n
        return c
    }

    @Test func aColleaguesOtherSettingStaysUnderMine() throws {
        var theirs = base
        theirs.settings.remsCertified.toggle()
        theirs.contactPhone = "0161 496 0000"
        let file = File(theirs)
        let saved = try file.save(chairs(5), basedOn: base, today: today)
        #expect(saved.said == ["chairs 5"])
        #expect(file.clinic.calendar.chairsPerDay == 5)
        #expect(file.clinic.settings.remsCertified == theirs.settings.remsCertified && file.clinic.contactPhone == "0161 496 0000")
    }

    @Test func theSameSettingChangedByBothIsRefusedNamingTheirsThenSavesOverTheirs() throws {
        var theirs = base
        theirs.calendar.chairsPerDay = 6
        let file = File(theirs)
        #expect(throws: ClinicConflict(theirs: ["chairs from 4 to 6"], yours: ["chairs 5"])) {
            try file.save(chairs(5), basedOn: base, today: today)
        }
        #expect(file.clinic == theirs && file.writes == 0, "nothing written")
        let message = ClinicConflict(theirs: ["chairs from 4 to 6"], yours: ["chairs 5"]).description
        #expect(message.contains("someone else changed the clinic's settings meanwhile (chairs from 4 to 6)") && message.contains("nothing was saved"))

        // Made again over their version (as the form reopened on it would), it saves.
        _ = try file.save(chairs(5), basedOn: theirs, today: today)
        #expect(file.clinic.calendar.chairsPerDay == 5 && file.writes == 1)
    }

    @Test func bothSettingTheSameValueIsNoConflict() throws {
        var theirs = base
        theirs.calendar.chairsPerDay = 5
        #expect(chairs(5).conflict(base: base, current: theirs) == nil)
        #expect(chairs(5).conflict(base: base, current: base) == nil)
    }

    @Test func closedDatesCollideOnlyOnTheSameDay() throws {
        let x = try CalendarDay(iso: "2026-02-02"), y = try CalendarDay(iso: "2026-02-03"), z = try CalendarDay(iso: "2026-02-04")
        var opened = base
        opened.calendar.closedDates = [z]
        var theirs = opened
        theirs.calendar.closedDates = [x]   // they closed x and reopened z
        var mine = ClinicChange()
        mine.close = [y]
        let file = File(theirs)
        _ = try file.save(mine, basedOn: opened, today: today)
        #expect(file.clinic.calendar.closedDates == [x, y], "their closed day stays closed, their reopened day open")

        var again = ClinicChange()
        again.close = [z]
        let conflict = again.conflict(base: opened, current: file.clinic)
        #expect(conflict == ClinicConflict(theirs: ["reopened 2026-02-04"], yours: ["close 2026-02-04"]))
        #expect(again.conflict(base: file.clinic, current: file.clinic) == nil, "over their version it is mine to close")
        #expect(ClinicChange.differences(from: opened, to: theirs) == ["closed 2026-02-02", "reopened 2026-02-04"])
    }

    func folder() -> String {
        var bytes = Array((NSTemporaryDirectory() + "ketaplan-conflict-XXXXXX").utf8CString)
        let made = bytes.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        return String(cString: made!)
    }

    /// `clinic set` racing another writer on the store: a write between this change's
    /// read and its save is caught under the lock (`saveClinic(_:ifStill:)` writes
    /// nothing), and the change is tried again over theirs: kept when they changed
    /// another setting, refused naming theirs when the same.
    @Test(arguments: [false, true]) func aWriteBetweenTheReadAndTheSaveIsNeverOverwritten(sameSetting: Bool) throws {
        let path = folder()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let alice = ClinicStore(folder: DataFolder(path: path), user: "alice", durability: .unsynced)
        let bob = ClinicStore(folder: DataFolder(path: path), user: "bob", durability: .unsynced)
        try alice.saveClinic(base)
        var reads = 0
        func loadRacing() throws -> ClinicFile {
            let read = try alice.loadClinic()
            reads += 1
            if reads == 1 {
                // bob saves right after alice's read, before her write.
                var theirs = read
                if sameSetting { theirs.calendar.chairsPerDay = 6 } else { theirs.settings.remsCertified.toggle() }
                try bob.saveClinic(theirs)
            }
            return read
        }
        let bobs = { try bob.loadClinic() }
        func save() throws -> SavedClinicChange {
            try chairs(5).save(today: today, loadClinic: loadRacing, saveClinic: { try alice.saveClinic($0, ifStill: $1) },
                               loadCharts: { [] }, unread: { [] }, saveChart: { _, over in over })
        }
        if sameSetting {
            #expect(throws: ClinicConflict(theirs: ["chairs from 4 to 6"], yours: ["chairs 5"])) { try save() }
            #expect(try bobs().calendar.chairsPerDay == 6, "bob's chairs stand")
        } else {
            _ = try save()
            let now = try alice.loadClinic()
            #expect(now.calendar.chairsPerDay == 5 && now.settings.remsCertified != base.settings.remsCertified, "both changes stand")
        }
        #expect(reads == 2, "read again after the refused write")
    }

    @Test func theStoreWritesOnlyOverTheVersionRead() throws {
        let path = folder()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = ClinicStore(folder: DataFolder(path: path), user: "alice", durability: .unsynced)
        try store.saveClinic(base)
        let read = try store.loadClinic()
        var stale = read
        stale.calendar.chairsPerDay = 9
        var changed = read
        changed.calendar.chairsPerDay = 7
        #expect(try store.saveClinic(changed, ifStill: stale) == false)
        #expect(try store.loadClinic() == read, "nothing written over a version not read")
        #expect(try store.saveClinic(changed, ifStill: read))
        #expect(try store.loadClinic().calendar.chairsPerDay == 7)
    }
}
