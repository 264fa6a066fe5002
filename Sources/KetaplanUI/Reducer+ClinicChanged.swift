import ClinicEdits
import KetaplanEngine
import KetaplanRecords

extension Reducer {
    /// Said when clinic.json changed under an open settings form.
    static let clinicChangedElsewhere = "The clinic settings were changed by someone else after this form was opened"

    /// clinic.json as a load or a watch found it: an open clinic settings form must not
    /// save against the settings it was filled in from as if they were still the file's,
    /// or it would put back what the colleague changed. A form with nothing typed starts
    /// again from their version. One with typed changes that touch none of the settings
    /// they changed gets those changes on top of their version, marked. Otherwise (the
    /// same setting changed on both sides, or input still refused) what was typed stays,
    /// with their changes named: the form remembers the version it was filled in from
    /// (`FormState.basedOn`), so its save changes only what this clinician changed, over
    /// theirs, and is refused where both changed the same setting. Call before
    /// `state.clinic` is replaced.
    static func clinicLoaded(_ state: inout AppState, _ clinic: ClinicFile) {
        // An unread clinic.json's defaults are not "their version": the store refuses a save
        // meanwhile, and the form is rebuilt once the file loads again.
        guard state.clinicProblem == nil, clinic != state.clinic,
              let at = state.screens.lastIndex(where: { if case .form(let f) = $0 { return f.kind == .clinicSettings } else { return false } }),
              case .form(var form) = state.screens[at] else { return }
        let base = form.basedOn ?? state.clinic
        // Back to the version the form was filled in from (the file fixed after a break).
        guard clinic != base else { return }
        let typed = FormSubmission.clinicChange(form, clinic: base, today: state.today)
        // Typed and typed back: nothing of this clinician's to keep.
        let unchanged = if case .failure(let e) = typed, e.message == FormSubmission.nothingToChange { true } else { false }
        guard form.dirty, !unchanged else {
            state.screens[at] = .form(FormBuilder.clinicSettings(clinic, today: state.today))
            state.message = Message(.info, clinicChangedElsewhere + "; the form now starts from their version.")
            return
        }
        if case .success(let change) = typed,
           change.conflict(base: base, current: clinic) == nil,
           let mine = try? change.applied(to: clinic).clinic {
            var rebuilt = FormBuilder.clinicSettings(mine, today: state.today)
            rebuilt.basedOn = clinic
            rebuilt.focus = form.focus
            rebuilt.dirty = true
            rebuilt.error = clinicChangedElsewhere + ": the form shows their version with your changes on top; check it before saving."
            state.screens[at] = .form(rebuilt)
            return
        }
        // What was typed is kept as typed, still based on the version it was filled in
        // from; their changes are named so that the clinician knows what a save keeps.
        let theirs = ClinicChange.differences(from: base, to: clinic)
        form.error = clinicChangedElsewhere + " (" + theirs.joined(separator: "; ")
            + "). Saving changes only what you changed, over theirs, and is refused where you both changed a setting; Esc, then C, starts from their version."
        state.screens[at] = .form(form)
    }
}
