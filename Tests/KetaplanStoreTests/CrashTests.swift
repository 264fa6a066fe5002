import Foundation
import Testing
import KetaplanEngine
import KetaplanDemo
@testable import KetaplanStore

/// A child process saves one patient in a loop and is killed with SIGKILL at random
/// moments; after every kill the file must be one whole version, never a torn one.
@Suite struct CrashTests {
    static func inode(_ path: String) -> UInt {
        var st = stat()
        return lstat(path, &st) == 0 ? UInt(st.st_ino) : 0
    }

    @Test func killedMidSaveLeavesOldOrNewNeverTorn() throws {
        let helper = builtProduct("ketaplan-crash-helper")
        #expect(FileManager.default.isExecutableFile(atPath: helper), "build the helper first: \(helper)")
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let folder = DataFolder(path: dir.path)
        let store = ClinicStore(folder: folder, user: "setup")
        try store.create(samplePatient())
        // Seeded, so a failing run's kill moments can be replayed.
        var generator = SeededGenerator(seed: 20_261_126)
        var lastRevision = 1
        var killsDuringProgress = 0
        for round in 0..<300 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: helper)
            process.arguments = [dir.path, "P-0001"]
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Wait until the helper is saving (its first save of this round has landed),
            // however slowly a loaded machine starts it, then kill it at a random moment:
            // the kill lands among saves, not before the helper has begun.
            // A save replaces the file (a new inode), so a cheap stat tells when one landed.
            let path = folder.patientFile(pid("P-0001"))
            let before = Self.inode(path)
            var saving = false
            for _ in 0..<2_000 where !saving {
                if Self.inode(path) != before { saving = true } else { usleep(5_000) }
            }
            #expect(saving, "round \(round): the helper never saved")
            usleep(UInt32.random(in: 0...25_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal, "round \(round): helper exited on its own (\(process.terminationStatus))")

            let loaded = try store.loadPatient(pid("P-0001"))
            // The note names the revision it was saved as: a mixed file could not match.
            if loaded.revision > 1 {
                #expect(loaded.chart.patient.notes.hasPrefix("revision \(loaded.revision)"), "round \(round)")
            }
            #expect(loaded.revision >= lastRevision)
            if loaded.revision > lastRevision { killsDuringProgress += 1 }
            lastRevision = loaded.revision
            // A kill between keeping the backup and the rename leaves backup 1 equal to
            // the file; never newer.
            for backup in store.backups(of: pid("P-0001")) {
                #expect(backup.revision <= loaded.revision)
            }
        }
        #expect(lastRevision > 300, "the helper saved in every round")
        #expect(killsDuringProgress == 300)
        // The whole folder still validates, and the next save sweeps away any temporary file
        // an interrupted save left behind.
        #expect(store.loadAll().problems.isEmpty)
        let loaded = try store.loadPatient(pid("P-0001"))
        try store.save(loaded.chart, over: loaded)
        let final = try store.loadPatient(pid("P-0001"))
        let kept = store.backups(of: pid("P-0001")).map(\.revision)
        #expect(kept == kept.sorted(by: >) && Set(kept).count == kept.count && kept.allSatisfy { $0 < final.revision }, "\(kept)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.patientsFolder).filter { $0.hasPrefix(".") && $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }
}
