import KetaplanRecords

extension Reducer {
    /// How to go on while clinic.json cannot be read, said after every refusal it causes.
    static let unreadableClinicAdvice = " Fix or restore clinic.json; this screen picks it up by itself."

    /// The problem as one sentence (one full stop, whatever the store's text ended with),
    /// followed by the advice.
    static func unreadable(_ problem: String) -> String { StoreError.sentence(problem) + unreadableClinicAdvice }

    /// Refuses opening or adding a patient (Enter and `n` on the overview; Enter, `r`, `s`
    /// and `m` on the agenda) while clinic.json cannot be read: the chart would be judged
    /// against the defaults, and no save is accepted until the file loads. Both screens
    /// say it in the same words.
    /// - Returns: true when it refused (the message is set).
    static func refusedOpening(_ state: inout AppState) -> Bool {
        guard let problem = state.clinicProblem else { return false }
        state.message = Message(.error, "Patients cannot be opened or added while the clinic cannot be read: " + unreadable(problem))
        return true
    }

    /// The patient screen's keys that start a change, a printout or an export (`r`, `s`,
    /// `m`, `d`, `e`, `a`, `M`, `P`, `n`, `p`, `x`; `a` in a session's record; `p` and `w`
    /// in a print preview).
    static let patientChangeKeys: Set<Key> = Set("rsmdeaMPnpx".map(Key.char))

    /// Refuses, while clinic.json cannot be read, a key of a chart already open that would
    /// start a change (nothing can be saved), a printout or an export (they would carry
    /// the defaults' name, phone and time zone as the clinic's), before anything is typed.
    /// - Returns: true when it refused (the message is set).
    static func refusedChange(_ state: inout AppState) -> Bool {
        guard let problem = state.clinicProblem else { return false }
        state.message = Message(.error, "Nothing can be changed, printed or exported while the clinic cannot be read: " + unreadable(problem))
        return true
    }

    /// Why nothing can be saved now, or nil: while clinic.json cannot be read the store
    /// refuses every save (plans are laid out against its calendar), so a chart or form
    /// already open when the file broke is refused here, before the save is asked for,
    /// in words naming the problem. What was typed stays; the save works again once the
    /// watch finds the file fixed.
    static func saveRefusal(_ state: AppState) -> String? {
        state.clinicProblem.map { "Not saved: nothing can be saved while the clinic cannot be read: " + unreadable($0) }
    }

    /// The notice an open chart, form or preview shows while clinic.json cannot be read
    /// (on the message line when no message is shown), so the clinician knows before
    /// typing that a save will wait for the file. What that means comes first: a long
    /// problem is cut at the screen's edge (a refused save shows it whole).
    static func unreadableClinicNotice(_ state: AppState) -> String? {
        guard let problem = state.clinicProblem else { return nil }
        switch state.current {
        case .overview, .agenda: return nil
        case .patient, .form, .preview: return "Nothing can be saved until clinic.json is fixed; it could not be read: " + problem
        }
    }
}
