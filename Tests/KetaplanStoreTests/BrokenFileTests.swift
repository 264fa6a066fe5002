import Foundation
import Testing
import KetaplanEngine
@testable import KetaplanStore

/// A corpus of broken files: each gives a clear message naming the file and the
/// problem, stays byte-for-byte as it was, and does not stop the rest from loading.
@Suite struct BrokenFileTests {
    /// A valid patient file's text, to break in different ways.
    static func validText() throws -> String {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let store = ClinicStore(folder: DataFolder(path: dir.path), user: "alice", durability: .unsynced)
        try store.create(samplePatient("P-0009"))
        return String(decoding: fileBytes(dir.path + "/patients/P-0009.json")!, as: UTF8.self)
    }

    struct Case: CustomStringConvertible, Sendable {
        let name: String
        let bytes: @Sendable (String) -> Data
        let expected: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "truncated", bytes: { Data($0.utf8.prefix($0.utf8.count / 2)) }, expected: "not valid JSON"),
        Case(name: "not JSON", bytes: { _ in Data("patient: Zoë\n".utf8) }, expected: "not valid JSON"),
        Case(name: "empty", bytes: { _ in Data() }, expected: "the file is empty"),
        Case(name: "wrong type", bytes: { Data($0.replacingOccurrences(of: "\"revision\":1", with: "\"revision\":\"one\"").utf8) },
             expected: "field revision has the wrong type (expected a number)"),
        Case(name: "negative weight", bytes: { Data($0.replacingOccurrences(of: "\"kilograms\":70", with: "\"kilograms\":-70").utf8) },
             expected: "field chart.patient.weight.kilograms: weight -70 kg is not plausible"),
        Case(name: "impossible date", bytes: { Data($0.replacingOccurrences(of: "\"dateOfBirth\":\"1980-01-01\"", with: "\"dateOfBirth\":\"2026-02-30\"").utf8) },
             expected: "field chart.patient.dateOfBirth: '2026-02-30' is not a real calendar day"),
        Case(name: "missing field", bytes: { Data($0.replacingOccurrences(of: "\"savedBy\":\"alice\",", with: "").utf8) },
             expected: "field savedBy is missing"),
        Case(name: "invalid UTF-8", bytes: { var d = Data($0.utf8); d[d.count / 2] = 0xFF; return d }, expected: "not valid UTF-8"),
        Case(name: "newer schema", bytes: { Data($0.replacingOccurrences(of: "\"schemaVersion\":1", with: "\"schemaVersion\":7").utf8) },
             expected: "written by a newer ketaplan (version 7, this one reads up to 1)"),
        Case(name: "no schema", bytes: { Data($0.replacingOccurrences(of: "\"schemaVersion\":1", with: "\"version\":1").utf8) },
             expected: "no schemaVersion field"),
        Case(name: "unknown status", bytes: { Data($0.replacingOccurrences(of: "\"status\":\"planned\"", with: "\"status\":\"perhaps\"").utf8) },
             expected: "field chart.plan.sessions[0].status"),
        Case(name: "score off the scale", bytes: { Data($0.replacingOccurrences(of: "\"assessments\":[]", with: "\"assessments\":[{\"date\":\"2026-01-02\",\"instrument\":\"phq9\",\"score\":40}]").utf8) },
             expected: "PHQ-9 score 40 is outside the scale"),
        Case(name: "another patient inside", bytes: { Data($0.replacingOccurrences(of: "\"id\":\"P-0009\"", with: "\"id\":\"P-0010\"").utf8) },
             expected: "holds patient P-0010, but the file is named for P-0009"),
    ]

    @Test(arguments: cases)
    func brokenPatientFile(_ c: Case) throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let store = ClinicStore(folder: DataFolder(path: dir.path), user: "alice", durability: .unsynced)
        try store.create(samplePatient("P-0001"))
        let bytes = c.bytes(try Self.validText())
        let path = dir.path + "/patients/P-0009.json"
        try bytes.write(to: URL(fileURLWithPath: path))

        let snapshot = store.loadAll()
        #expect(snapshot.charts.map(\.id.rawValue) == ["P-0001"], "the good patient still loads")
        let problem = try #require(snapshot.problems.first)
        #expect(snapshot.problems.count == 1)
        #expect(problem.path == path)
        #expect(problem.description.hasPrefix(path + ": "))
        #expect(problem.description.contains(c.expected), "\(problem.description)")
        if case .invalidFile = problem.error {
            #expect(problem.description.contains("restore its previous version from the backups folder"), "\(problem.description)")
        }
        #expect(throws: StoreError.self) { try store.loadPatient(pid("P-0009")) }

        // Saving over it is refused too, and the bytes never change.
        let stale = StoredChart(chart: samplePatient("P-0009"), revision: 1, savedBy: "x", savedAt: "x")
        #expect(throws: StoreError.self) { try store.save(samplePatient("P-0009"), over: stale) }
        #expect(fileBytes(path) == bytes)
    }

    @Test func folderOrLinkWhereAFileShouldBe() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let store = ClinicStore(folder: DataFolder(path: dir.path), durability: .unsynced)
        try store.create(samplePatient("P-0001"))
        try FileManager.default.createDirectory(atPath: dir.path + "/patients/P-0002.json", withIntermediateDirectories: false)
        symlink(dir.path + "/patients/P-0001.json", dir.path + "/patients/P-0003.json")
        let snapshot = store.loadAll()
        #expect(snapshot.charts.map(\.id.rawValue) == ["P-0001"])
        let messages = snapshot.problems.map(\.description).sorted()
        #expect(messages.count == 2)
        #expect(messages[0].contains("P-0002.json: expected a regular file but found a folder"))
        #expect(messages[1].contains("P-0003.json: expected a regular file but found a symbolic link"))
        var st = stat()
        #expect(lstat(dir.path + "/patients/P-0003.json", &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK)
    }

    /// The other side of the text rule: what input accepts (letters of any script, the
    /// zero-width joiners Persian names need, dashes, line breaks and tabs in notes)
    /// saves and loads.
    @Test func textInputAcceptsLoads() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let store = ClinicStore(folder: DataFolder(path: dir.path), user: "alice", durability: .unsynced)
        var chart = samplePatient("P-0001", name: "Zoë Ånne–Smith می\u{200C}خواهم")
        chart.patient.notes = "first line\nsecond\tline, “quoted”"
        try store.create(chart)
        let loaded = try store.loadPatient(PatientID("P-0001"))
        #expect(loaded.chart.patient.name == chart.patient.name && loaded.chart.patient.notes == chart.patient.notes)
    }

    @Test func badFileNameIsReported() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        // A clinic in use has its clinic.json (without one the missing file is reported too).
        try ClinicStore(folder: DataFolder(path: dir.path), durability: .unsynced).saveClinic(ClinicFile())
        try FileManager.default.createDirectory(atPath: dir.path + "/patients", withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: URL(fileURLWithPath: dir.path + "/patients/bad name.json"))
        let snapshot = ClinicStore(folder: DataFolder(path: dir.path)).loadAll()
        #expect(snapshot.problems.first?.description.contains("not a valid patient id") == true)
    }

    @Test func brokenClinicFileStillLetsPatientsLoad() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let store = ClinicStore(folder: DataFolder(path: dir.path), durability: .unsynced)
        try store.create(samplePatient("P-0001"))
        let bytes = Data(#"{"schemaVersion":1,"name":"x","calendar":{"openWeekdays":["someday"],"closedDates":[],"chairsPerDay":2}}"#.utf8)
        try bytes.write(to: URL(fileURLWithPath: dir.path + "/clinic.json"))
        let snapshot = store.loadAll()
        #expect(snapshot.charts.count == 1)
        let message = snapshot.problems.first?.description ?? ""
        #expect(message.contains("'someday' is not a weekday"))
        // backups/ holds only patients' previous versions: the message must not send a
        // clinician there for the clinic file.
        #expect(!message.contains("backups"), "\(message)")
        #expect(message.contains("restore it from your own copy"), "\(message)")
        #expect(fileBytes(dir.path + "/clinic.json") == bytes)
    }

    /// A clinic.json that does not load is said as such (typed, not by its path), and
    /// nothing is judged against the defaults meanwhile: no index line is rebuilt and the
    /// index is not folded. Once the file is fixed, the same load rebuilds what was stale.
    @Test func anUnreadClinicIsSaidAndNothingIsJudgedAgainstTheDefaults() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let store = ClinicStore(folder: DataFolder(path: dir.path), durability: .unsynced)
        try store.saveClinic(ClinicFile())
        try store.create(samplePatient("P-0001"))
        try store.create(samplePatient("P-0002"))
        #expect(store.loadSummaries(foldJournal: true).clinicProblem == nil)
        let good = try #require(fileBytes(dir.path + "/clinic.json"))
        let broken = Data(String(decoding: good, as: UTF8.self).replacingOccurrences(of: "\"chairsPerDay\":4", with: "\"chairsPerDay\":-5").utf8)
        #expect(broken != good)
        try broken.write(to: URL(fileURLWithPath: dir.path + "/clinic.json"))
        // A patient file changed behind the index: its line is stale.
        let patient = dir.path + "/patients/P-0002.json"
        let bytes = try #require(fileBytes(patient))
        Thread.sleep(forTimeInterval: 0.01)
        try bytes.write(to: URL(fileURLWithPath: patient))
        let index = SummaryIndex(folder: store.folder).mainFile
        let indexBefore = fileBytes(index)

        let (snapshot, _) = store.loadSummariesMarked(foldJournal: true)
        #expect(snapshot.clinicProblem?.description.contains("chairsPerDay") == true, "\(String(describing: snapshot.clinicProblem))")
        #expect(store.loadFirstPage(rows: 10).clinicProblem != nil)
        #expect(store.readSummariesUnchecked().snapshot.clinicProblem != nil)
        #expect(fileBytes(index) == indexBefore, "the index is neither rebuilt nor folded against the defaults")
        #expect(fileBytes(dir.path + "/clinic.json") == broken)

        // Fixed: the clinic loads, and the stale line is rebuilt against it.
        try good.write(to: URL(fileURLWithPath: dir.path + "/clinic.json"))
        let fixed = store.loadSummaries(foldJournal: true)
        #expect(fixed.clinicProblem == nil && fixed.summaries.count == 2)
        #expect(fileBytes(index) != indexBefore, "the stale line is rebuilt once the clinic loads")
    }
}
