import Foundation
import KetaplanEngine
import KetaplanStore

/// A fresh data folder under the system temporary folder, removed by `cleanUp`.
struct TemporaryFolder {
    let path: String

    init() {
        let template = NSTemporaryDirectory() + "ketaplan-test-XXXXXX"
        var bytes = Array(template.utf8CString)
        let made = bytes.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = String(cString: made!)
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: path) }
}

/// A built product next to the test bundle (executables the tests drive).
func builtProduct(_ name: String) -> String {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = dir.appendingPathComponent(name).path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    return Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent(name).path
}

/// A patient id from a test's literal (a literal that is not an id is a bug in the test).
func pid(_ text: String) -> PatientID {
    do { return try PatientID(text) } catch { preconditionFailure("\(error)") }
}

func day(_ text: String) -> CalendarDay { try! CalendarDay(iso: text) }

func samplePatient(_ id: String = "P-0001", name: String = "Zoë Exemplar") -> PatientChart {
    let patient = try! Patient(id: PatientID(id), name: name, dateOfBirth: day("1980-01-01"), sex: .female,
                               weight: WeightMeasurement(kilograms: 70, measuredOn: day("2026-01-01")), heightCm: 168,
                               conditions: [.treatmentResistantDepression], screening: .allClear(on: day("2026-01-01")))
    var chart = PatientChart(patient: patient)
    chart.plan = try! Scheduler(context: SchedulingContext(today: day("2026-01-05"), calendar: ClinicCalendar()))
        .makePlan(for: chart, protocol: BuiltInProtocols.ivKetamine3x, start: day("2026-01-05"))
    return chart
}

func fileBytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }
