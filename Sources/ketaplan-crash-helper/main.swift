// Test support for the store's crash tests: saves one patient over and over until it is
// killed. Each save writes a note naming the revision it becomes, so a test can tell that
// the file on disk is one whole version, whatever instant the kill came at.
import Foundation
import KetaplanEngine
import KetaplanStore

let arguments = CommandLine.arguments
guard arguments.count == 3, let patient = try? PatientID(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: ketaplan-crash-helper DATA-FOLDER PATIENT-ID\n".utf8))
    exit(2)
}
let store = ClinicStore(folder: DataFolder(path: arguments[1]), user: "crash-helper")
var loaded = try store.loadPatient(patient)
while true {
    var chart = loaded.chart
    chart.patient.notes = "revision \(loaded.revision + 1)"
    // A longer file makes the write take long enough for kills to land inside it.
    chart.patient.notes += String(repeating: " padding", count: Int.random(in: 0...4000))
    loaded = try store.save(chart, over: loaded)
}
