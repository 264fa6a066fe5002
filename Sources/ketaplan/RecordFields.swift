import ArgumentParser
import KetaplanEngine

/// The fields of a session's record, as `session record` and `session amend` both take
/// them: one set of options and one builder of the `SessionRecord`, so the two commands
/// cannot name or read a field differently.
struct RecordFields: ParsableArguments {
    @Option(help: "Dose given in mg (record: default the planned dose).", transform: Parse.decimal) var dose: Double?
    @Option(help: ArgumentHelp("Blood pressure before dosing.", valueName: "SYS/DIA"), transform: Parse.bloodPressure) var bp: BloodPressure?
    @Option(name: .customLong("bp-40"), help: ArgumentHelp("Blood pressure about 40 minutes after.", valueName: "SYS/DIA"), transform: Parse.bloodPressure)
    var bp40: BloodPressure?
    @Option(name: .customLong("bp-discharge"), help: ArgumentHelp("Blood pressure at discharge.", valueName: "SYS/DIA"), transform: Parse.bloodPressure)
    var bpDischarge: BloodPressure?
    @Option(help: "Minutes monitored after the dose (0-1440).", transform: Parse.whole(0...1440, "minutes")) var monitored: Int?
    @Option(help: "Dissociation (CADSS total, 0-92).", transform: Parse.whole(0...92, "points")) var cadss: Int?
    @Option(name: .customLong("side-effect"), help: "A side effect (repeatable; amend: replaces the recorded list).") var sideEffect: [String] = []
    @Option(name: .customLong("given-by"), help: "Who gave it (record: default your login name).") var givenBy: String?
    @Option(name: .customLong("form-submitted"), help: ArgumentHelp("Day the REMS monitoring form was submitted.", valueName: "YYYY-MM-DD"), transform: Parse.day)
    var formSubmitted: CalendarDay?
    @Option(help: "The session's note (amend: replaces the recorded one).") var note: String?

    /// Refuses control characters in the text fields.
    func refuseControlCharacters() throws {
        try checkText(note, flag: "--note", allowingLineBreaks: true)
        try checkText(givenBy, flag: "--given-by")
        for effect in sideEffect { try checkText(effect, flag: "--side-effect") }
    }

    /// `base` with the fields given here set (a new record starts from an empty one).
    func record(over base: SessionRecord) -> SessionRecord {
        var record = base
        if let dose { record.doseGivenMg = dose }
        if let bp { record.bpBefore = bp }
        if let bp40 { record.bpAt40Minutes = bp40 }
        if let bpDischarge { record.bpAtDischarge = bpDischarge }
        if let monitored { record.minutesMonitored = monitored }
        if let cadss { record.dissociationCADSS = cadss }
        if !sideEffect.isEmpty { record.sideEffects = sideEffect }
        if let givenBy { record.givenBy = givenBy }
        if let formSubmitted { record.monitoringFormSubmittedOn = formSubmitted }
        if let note { record.note = note }
        return record
    }
}
