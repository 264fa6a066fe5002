import Testing
@testable import KetaplanEngine

@Suite struct DoseCalculatorTests {
    let calculator = DoseCalculator(settings: ClinicSettings())
    let ivRule = BuiltInProtocols.ivKetamine3x.phases[0].dose
    let esketamineRule = BuiltInProtocols.esketamineTRD.phases[0].dose

    @Test func perKilogramOnActualWeightRoundsToHalfMilligrams() throws {
        #expect(try calculator.plannedDose(ivRule, for: .mock(kg: 70), isFirstOfCourse: false, on: day("2026-01-05")) == 35)
        #expect(try calculator.plannedDose(ivRule, for: .mock(kg: 73.3), isFirstOfCourse: false, on: day("2026-01-05")) == 36.5)
    }

    @Test func idealAndAdjustedWeightUseDevine() throws {
        // 170 cm female: 45.5 + 2.3 * (66.93 - 60) = 61.44 kg ideal.
        let patient = Patient.mock(kg: 100, heightCm: 170, sex: .female)
        let ideal = try calculator.dosingWeight(for: patient, basis: .ideal)
        #expect(abs(ideal - 61.44) < 0.01)
        let adjusted = try calculator.dosingWeight(for: patient, basis: .adjusted)
        #expect(abs(adjusted - (ideal + 0.4 * (100 - ideal))) < 0.0001)
        var settings = ClinicSettings()
        settings.weightBasis = .ideal
        #expect(try DoseCalculator(settings: settings).plannedDose(ivRule, for: patient, isFirstOfCourse: false, on: day("2026-01-05")) == 30.5)
    }

    @Test func idealWeightWithoutHeightIsAnErrorNotAGuess() {
        var settings = ClinicSettings()
        settings.weightBasis = .ideal
        #expect(throws: DoseError.needsHeightAndSex(.ideal)) {
            try DoseCalculator(settings: settings).plannedDose(ivRule, for: .mock(heightCm: nil), isFirstOfCourse: false, on: day("2026-01-05"))
        }
    }

    @Test func esketamineStartsAt56AndAt28From65WhenTheClinicSaysSo() throws {
        #expect(try calculator.plannedDose(esketamineRule, for: .mock(), isFirstOfCourse: true, on: day("2026-01-05")) == 56)
        #expect(try calculator.plannedDose(esketamineRule, for: .mock(), isFirstOfCourse: false, on: day("2026-01-05")) == 56)
        let older = Patient.mock(born: "1960-01-01")
        #expect(try calculator.plannedDose(esketamineRule, for: older, isFirstOfCourse: true, on: day("2026-01-05")) == 28)
        var settings = ClinicSettings()
        settings.olderAdultEsketamineStart28mg = false
        #expect(try DoseCalculator(settings: settings).plannedDose(esketamineRule, for: older, isFirstOfCourse: true, on: day("2026-01-05")) == 56)
    }

    @Test func esketamineDosesOnlyInDeviceSteps() throws {
        try calculator.check(doseMg: 84, rule: esketamineRule, for: .mock(), on: day("2026-01-05"))
        #expect(throws: DoseError.notAnAllowedDose(70, [56, 84], stepMg: 28)) {
            try calculator.check(doseMg: 70, rule: esketamineRule, for: .mock(), on: day("2026-01-05"))
        }
        #expect(throws: DoseError.self) { try calculator.check(doseMg: 28, rule: esketamineRule, for: .mock(), on: day("2026-01-05")) }
        try calculator.check(doseMg: 28, rule: esketamineRule, for: .mock(born: "1950-01-01"), on: day("2026-01-05"))
        #expect(throws: DoseError.self) { try calculator.check(doseMg: 112, rule: esketamineRule, for: .mock(), on: day("2026-01-05")) }
    }

    @Test func outOfRangeIsAnErrorNotAClamp() throws {
        // 70 kg: 0.5-1.0 mg/kg is 35-70 mg.
        try calculator.check(doseMg: 70, rule: ivRule, for: .mock(kg: 70), on: day("2026-01-05"))
        #expect(throws: DoseError.outsideRange(71, 35...70)) {
            try calculator.check(doseMg: 71, rule: ivRule, for: .mock(kg: 70), on: day("2026-01-05"))
        }
        #expect(throws: DoseError.self) { try calculator.check(doseMg: 30, rule: ivRule, for: .mock(kg: 70), on: day("2026-01-05")) }
        #expect(throws: DoseError.notPositive(0)) { try calculator.check(doseMg: 0, rule: ivRule, for: .mock(kg: 70), on: day("2026-01-05")) }
    }

    /// F6: a dose on a day before the weight on record was measured is not judged on that
    /// weight (it was not the weight on record that day) but on the protocol's mg/kg range
    /// at any accepted weight; from the day it was measured on, on the weight itself.
    @Test func aDoseIsJudgedOnTheWeightOnRecordOnItsDay() throws {
        // 90 kg measured on 2026-01-08: 0.5-1.0 mg/kg is 45-90 mg from that day on.
        var reweighed = Patient.mock(kg: 90)
        reweighed.weight = try WeightMeasurement(kilograms: 90, measuredOn: day("2026-01-08"))
        // 7 January: 35 mg (right for the 70 kg of the day) is accepted; on 8 January it is not.
        try calculator.checkOnItsDay(doseMg: 35, rule: ivRule, for: reweighed, on: day("2026-01-07"))
        #expect(throws: DoseError.outsideRange(35, 45...90)) {
            try calculator.checkOnItsDay(doseMg: 35, rule: ivRule, for: reweighed, on: day("2026-01-08"))
        }
        try calculator.checkOnItsDay(doseMg: 45, rule: ivRule, for: reweighed, on: day("2026-01-08"))
        // Before the weigh day a slip is still refused: 0.5 mg/kg of 30 kg to 1.0 mg/kg of 300 kg.
        #expect(throws: DoseError.outsideAnyWeight(350, 15...300, weighedOn: day("2026-01-08"))) {
            try calculator.checkOnItsDay(doseMg: 350, rule: ivRule, for: reweighed, on: day("2026-01-07"))
        }
        #expect(throws: DoseError.outsideAnyWeight(14, 15...300, weighedOn: day("2026-01-08"))) {
            try calculator.checkOnItsDay(doseMg: 14, rule: ivRule, for: reweighed, on: day("2026-01-07"))
        }
        try calculator.checkOnItsDay(doseMg: 300, rule: ivRule, for: reweighed, on: day("2026-01-07"))
        #expect(throws: DoseError.notPositive(0)) { try calculator.checkOnItsDay(doseMg: 0, rule: ivRule, for: reweighed, on: day("2026-01-07")) }
        // Fixed doses do not depend on the weight: judged alike on any day.
        #expect(throws: DoseError.self) { try calculator.checkOnItsDay(doseMg: 70, rule: esketamineRule, for: reweighed, on: day("2026-01-07")) }
        try calculator.checkOnItsDay(doseMg: 84, rule: esketamineRule, for: reweighed, on: day("2026-01-07"))
    }
}
