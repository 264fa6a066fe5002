import Testing
import ClinicEdits
import KetaplanEngine
import KetaplanRecords

/// The edits both front ends construct check their own input: each refusal names the
/// input and what lifts it, and the allowed input right after it goes through.
@Suite struct EditValueTests {
    let today = try! CalendarDay(iso: "2026-01-05")

    func ann() throws -> Patient {
        try Patient(id: PatientID("P-0001"), name: "Ann Edit", dateOfBirth: CalendarDay(iso: "1980-04-12"),
                    weight: WeightMeasurement(kilograms: 70, measuredOn: CalendarDay(iso: "2025-12-01")), conditions: [.treatmentResistantDepression])
    }

    @Test func aNewPatientNeedsNameBirthAndWeightAndGetsThem() throws {
        let id = try PatientID("P-0002")
        #expect(throws: EditError(message: "a new patient needs a date of birth, a weight")) {
            try AddPatient(id: id, details: PatientDetails(name: "Bo")).applied(today: today)
        }
        #expect(throws: EditError.self) { try AddPatient(id: id, details: PatientDetails(name: "Bo", dateOfBirth: today.adding(days: 1), weightKg: 70)).applied(today: today) }
        do {
            _ = try AddPatient(id: id, details: PatientDetails(name: "Bo", dateOfBirth: today.adding(days: 1), weightKg: 70)).applied(today: today)
        } catch {
            #expect(error.field == .birth)
        }
        let added = try AddPatient(id: id, details: PatientDetails(name: "Bo", dateOfBirth: CalendarDay(iso: "1990-01-01"), weightKg: 70)).applied(today: today)
        #expect(added.chart.patient.id == id)
        #expect(added.chart.patient.weight.measuredOn == today)
        #expect(added.summary == "patient P-0002 added")
    }

    @Test func detailsKeepWhatIsNotGivenAndCheckWhatIs() throws {
        let old = try ann()
        let heavier = try PatientDetails(weightKg: 72).patient(updating: old, id: old.id, today: today)
        #expect(heavier.weight.kilograms == 72 && heavier.weight.measuredOn == today)
        #expect(heavier.name == old.name && heavier.conditions == old.conditions && heavier.dateOfBirth == old.dateOfBirth)
        do {
            _ = try PatientDetails(weightKg: 72, weightMeasuredOn: today.adding(days: 1)).patient(updating: old, id: old.id, today: today)
            Issue.record("a weight measured tomorrow was accepted")
        } catch {
            #expect(error.field == .measured && error.message.contains("is after today"))
        }
        do {
            _ = try PatientDetails(moodStabiliser: "gin").patient(updating: old, id: old.id, today: today)
            Issue.record("an unlisted mood stabiliser was accepted")
        } catch {
            #expect(error.field == .moodStabiliser && error.message.contains("other:NAME"))
        }
        #expect(try PatientDetails(moodStabiliser: "other:gin").patient(updating: old, id: old.id, today: today).moodStabiliser == "other:gin")
        #expect(try PatientDetails(heightCm: .some(nil)).patient(updating: old, id: old.id, today: today).heightCm == nil)
    }

    /// F20: an older measurement never replaces the weight on record (mg/kg doses follow
    /// it); the refusal names both dates, and a weight of the same day or later goes through.
    @Test func anOlderWeightNeverReplacesTheWeightOnRecord() throws {
        let old = try ann()   // 70 kg measured on 2025-12-01
        let longAgo = try CalendarDay(iso: "2024-06-01"), dayBefore = try CalendarDay(iso: "2025-11-30")
        do {
            _ = try PatientDetails(weightKg: 50, weightMeasuredOn: longAgo).patient(updating: old, id: old.id, today: today)
            Issue.record("a weight measured before the one on record replaced it")
        } catch {
            #expect(error.field == .measured)
            #expect(error.message.contains("2024-06-01") && error.message.contains("2025-12-01") && error.message.contains("today's date"), "\(error.message)")
        }
        do {
            _ = try PatientDetails(weightKg: 50, weightMeasuredOn: dayBefore).patient(updating: old, id: old.id, today: today)
            Issue.record("a weight measured the day before the one on record replaced it")
        } catch {
            #expect(error.field == .measured)
        }
        let sameDay = try PatientDetails(weightKg: 71, weightMeasuredOn: old.weight.measuredOn).patient(updating: old, id: old.id, today: today)
        #expect(sameDay.weight.kilograms == 71 && sameDay.weight.measuredOn == old.weight.measuredOn)
        let later = try PatientDetails(weightKg: 50).patient(updating: old, id: old.id, today: today)
        #expect(later.weight.kilograms == 50 && later.weight.measuredOn == today)
        // A new patient has no weight on record: any past day is accepted.
        let added = try AddPatient(id: PatientID("P-0003"), details: PatientDetails(name: "Cy", dateOfBirth: CalendarDay(iso: "1990-01-01"), weightKg: 70,
                                                                                     weightMeasuredOn: longAgo)).applied(today: today)
        #expect(added.chart.patient.weight.measuredOn == longAgo)
    }

    @Test func withdrawingAFindingNeedsItsReason() throws {
        var chart = PatientChart(patient: try ann())
        chart.patient.screening.set(.psychosis, to: true, by: "dr.k", on: today)
        let scheduler = Scheduler(context: SchedulingContext(today: today, calendar: ClinicCalendar(), settings: ClinicSettings()))
        let bare = ChartEdit.setScreening(ScreeningChange([.init(.psychosis, false)], by: "dr.k", on: today))
        do {
            _ = try bare.applied(to: chart, scheduler: scheduler)
            Issue.record("a withdrawn finding without a reason was accepted")
        } catch {
            #expect(error.field == .screeningNote && error.message.contains("say why 'Psychosis"))
        }
        let why = ChartEdit.setScreening(ScreeningChange([.init(.psychosis, false)], by: "dr.k", on: today, note: "another patient's record"))
        let applied = try why.applied(to: chart, scheduler: scheduler)
        #expect(applied.chart.patient.screening.answers[.psychosis] == false)
        #expect(applied.chart.patient.screening.lastAnswer(.psychosis)?.note == "another patient's record")
        #expect(applied.summary == "screening psychosis: yes -> no")
        // A new finding never waits for a reason.
        let found = ChartEdit.setScreening(ScreeningChange([.init(.cystitis, true)], by: "dr.k", on: today))
        #expect(try found.applied(to: chart, scheduler: scheduler).summary == "screening cystitis: unknown -> yes")
    }

    @Test func aClinicChangeChecksItsValuesAndSaysWhatItSet() throws {
        var clinic = ClinicFile()
        var change = ClinicChange()
        #expect(throws: EditError(message: "nothing to change: give at least one setting")) { try change.applied(to: clinic) }
        change.reopen = [today]
        do {
            _ = try change.applied(to: clinic)
            Issue.record("reopening an open day was accepted")
        } catch {
            #expect(error.field == .reopen)
        }
        clinic.calendar.closedDates.insert(today)
        change.onDemandScoringIntervalDays = 21
        let (changed, said) = try change.applied(to: clinic)
        #expect(!changed.calendar.closedDates.contains(today))
        #expect(changed.settings.onDemandScoringIntervalDays == 21)
        #expect(said == ["reopened 2026-01-05", "scoring visits every 21 days"])
        var urgent = ClinicChange()
        urgent.urgentBloodPressure = try BloodPressure(systolic: 90, diastolic: 50)
        #expect(throws: EditError.self) { try urgent.applied(to: clinic) }
        urgent.urgentBloodPressure = try BloodPressure(systolic: 170, diastolic: 105)
        #expect(try urgent.applied(to: clinic).clinic.settings.hypertensiveUrgencySystolic == 170)
    }
}
