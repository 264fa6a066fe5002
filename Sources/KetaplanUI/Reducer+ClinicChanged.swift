import ClinicEdits
import KetaplanEngine
import KetaplanRecords

extension Reducer {
    /// Said when clinic.json changed under an open settings form.
    static let clinicChangedElsewhere = "The clinic settings were changed by someone else after this form was opened"

    /// clinic.json as a load or a watch found it: an open clinic settings form must not
    /// save against the settings it was opened on, because its change is worked out
    /// against `state.clinic` and would put back what the colleague changed. A form with
    /// nothing typed starts again from their version; one with typed changes gets those
    /// changes on top of their version (`ClinicChange.applied`), marked, so that saving
    /// changes only what this clinician changed. Call before `state.clinic` is replaced.
    static func clinicLoaded(_ state: inout AppState, _ clinic: ClinicFile) {
        // An unread clinic.json's defaults are not "their version": the store refuses a save
        // meanwhile, and the form is rebuilt once the file loads again.
        guard state.clinicProblem == nil, clinic != state.clinic,
              let at = state.screens.lastIndex(where: { if case .form(let f) = $0 { return f.kind == .clinicSettings } else { return false } }),
              case .form(var form) = state.screens[at] else { return }
        guard form.dirty else {
            state.screens[at] = .form(FormBuilder.clinicSettings(clinic, today: state.today))
            state.message = Message(.info, clinicChangedElsewhere + "; the form now starts from their version.")
            return
        }
        if case .success(let change) = FormSubmission.clinicChange(form, clinic: state.clinic, today: state.today),
           let mine = try? change.applied(to: clinic).clinic {
            var rebuilt = FormBuilder.clinicSettings(mine, today: state.today)
            rebuilt.focus = form.focus
            rebuilt.dirty = true
            rebuilt.error = clinicChangedElsewhere + ": the form shows their version with your changes on top; check it before saving."
            state.screens[at] = .form(rebuilt)
            return
        }
        // What was typed cannot be worked out as a change yet (a value still refused):
        // keep it, and say how to start from their version.
        form.error = clinicChangedElsewhere + ": press Esc, then C, to start from their version before saving."
        state.screens[at] = .form(form)
    }
}
