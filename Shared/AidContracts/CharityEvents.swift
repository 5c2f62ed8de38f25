/// Donated equipment matched to weak rural schools on `aid.charity.v1`, keyed by school id so one
/// school's assessment, allocations and deliveries arrive in order. Amounts are integer fen. Donors
/// appear only by their opaque id: their names stay in charity's schema.
public enum CharityEvent {
    /// The five items of the condition checklist, each scored 0–100 against the standard (100 meets it).
    public struct ChecklistScores: Codable, Sendable, Equatable {
        public var computers: Int
        public var desksAndStools: Int
        public var dustFreeBlackboards: Int
        public var officeFurniture: Int
        public var buildingCondition: Int

        public init(computers: Int, desksAndStools: Int, dustFreeBlackboards: Int, officeFurniture: Int, buildingCondition: Int) {
            self.computers = computers
            self.desksAndStools = desksAndStools
            self.dustFreeBlackboards = dustFreeBlackboards
            self.officeFurniture = officeFurniture
            self.buildingCondition = buildingCondition
        }
    }

    /// One item the assessed school needs, and how many.
    public struct Need: Codable, Sendable, Equatable {
        public var needId: String
        public var itemCode: String
        public var quantity: Int

        public init(needId: String, itemCode: String, quantity: Int) {
            self.needId = needId
            self.itemCode = itemCode
            self.quantity = quantity
        }
    }

    /// How a pledge line gives: the goods themselves, or money earmarked for buying them.
    public enum PledgeForm: String, Codable, Sendable, CaseIterable {
        case inKind = "in-kind"
        case money
    }

    /// Why an allocation not yet delivered was withdrawn; its units go back to the pledge.
    public enum CancellationReason: String, Codable, Sendable, CaseIterable {
        /// The school closed; its open needs were cancelled.
        case schoolClosed = "school-closed"
        /// The school merged into another; its open needs moved there and are matched again.
        case schoolMerged = "school-merged"
        /// A later assessment lists fewer of the item than was on its way to the school.
        case noLongerNeeded = "no-longer-needed"
    }

    /// A school's condition was assessed; its needs replace those of any earlier assessment.
    public struct AssessmentRecorded: AidEvent {
        public static let eventType = "aid.charity.assessment-recorded.v1"
        public static let topic = Topic.charity
        public var partitionKey: String { schoolId }

        public var assessmentId: String
        public var schoolId: String
        public var townCode: String
        /// ISO 8601 calendar date.
        public var assessedOn: String
        /// 0–100, the mean of the checklist scores; the lower, the sooner the school is served.
        public var conditionScore: Int
        public var checklist: ChecklistScores
        public var needs: [Need]

        public init(assessmentId: String, schoolId: String, townCode: String, assessedOn: String, conditionScore: Int, checklist: ChecklistScores, needs: [Need]) {
            self.assessmentId = assessmentId
            self.schoolId = schoolId
            self.townCode = townCode
            self.assessedOn = assessedOn
            self.conditionScore = conditionScore
            self.checklist = checklist
            self.needs = needs
        }
    }

    /// A matching run allocated units of one pledge line to one need.
    public struct AllocationMade: AidEvent {
        public static let eventType = "aid.charity.allocation-made.v1"
        public static let topic = Topic.charity
        public var partitionKey: String { schoolId }

        public var allocationId: String
        public var runId: String
        public var needId: String
        public var pledgeId: String
        public var donorId: String
        public var form: PledgeForm
        public var schoolId: String
        public var townCode: String
        public var itemCode: String
        public var quantity: Int
        public var unitValueFen: Fen
        /// quantity × unitValueFen.
        public var valueFen: Fen
        /// The school's place in the run's order of need, 1 = worst condition.
        public var priorityRank: Int
        public var conditionScore: Int

        public init(
            allocationId: String, runId: String, needId: String, pledgeId: String, donorId: String, form: PledgeForm, schoolId: String,
            townCode: String, itemCode: String, quantity: Int, unitValueFen: Fen, valueFen: Fen, priorityRank: Int, conditionScore: Int
        ) {
            self.allocationId = allocationId
            self.runId = runId
            self.needId = needId
            self.pledgeId = pledgeId
            self.donorId = donorId
            self.form = form
            self.schoolId = schoolId
            self.townCode = townCode
            self.itemCode = itemCode
            self.quantity = quantity
            self.unitValueFen = unitValueFen
            self.valueFen = valueFen
            self.priorityRank = priorityRank
            self.conditionScore = conditionScore
        }
    }

    /// The school confirmed it received and accepted a delivered allocation.
    public struct DeliveryConfirmed: AidEvent {
        public static let eventType = "aid.charity.delivery-confirmed.v1"
        public static let topic = Topic.charity
        public var partitionKey: String { schoolId }

        public var allocationId: String
        public var pledgeId: String
        public var donorId: String
        public var schoolId: String
        public var townCode: String
        public var itemCode: String
        public var quantity: Int
        public var valueFen: Fen
        /// ISO 8601 calendar dates.
        public var deliveredOn: String
        public var acceptedOn: String

        public init(
            allocationId: String, pledgeId: String, donorId: String, schoolId: String, townCode: String, itemCode: String, quantity: Int,
            valueFen: Fen, deliveredOn: String, acceptedOn: String
        ) {
            self.allocationId = allocationId
            self.pledgeId = pledgeId
            self.donorId = donorId
            self.schoolId = schoolId
            self.townCode = townCode
            self.itemCode = itemCode
            self.quantity = quantity
            self.valueFen = valueFen
            self.deliveredOn = deliveredOn
            self.acceptedOn = acceptedOn
        }
    }

    /// An allocation not yet delivered was withdrawn: its school closed or merged, or a later
    /// assessment no longer needs it.
    public struct AllocationCancelled: AidEvent {
        public static let eventType = "aid.charity.allocation-cancelled.v1"
        public static let topic = Topic.charity
        public var partitionKey: String { schoolId }

        public var allocationId: String
        public var needId: String
        public var pledgeId: String
        public var schoolId: String
        public var townCode: String
        public var itemCode: String
        public var quantity: Int
        public var valueFen: Fen
        public var reason: CancellationReason

        public init(
            allocationId: String, needId: String, pledgeId: String, schoolId: String, townCode: String, itemCode: String, quantity: Int,
            valueFen: Fen, reason: CancellationReason
        ) {
            self.allocationId = allocationId
            self.needId = needId
            self.pledgeId = pledgeId
            self.schoolId = schoolId
            self.townCode = townCode
            self.itemCode = itemCode
            self.quantity = quantity
            self.valueFen = valueFen
            self.reason = reason
        }
    }
}

extension EventCatalog {
    static let charityEvents: [any AidEvent.Type] = [
        CharityEvent.AssessmentRecorded.self,
        CharityEvent.AllocationMade.self,
        CharityEvent.DeliveryConfirmed.self,
        CharityEvent.AllocationCancelled.self,
    ]
}
