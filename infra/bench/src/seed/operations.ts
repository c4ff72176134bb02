// The write operations the seeder sends: the contract's inputs, with only the
// fields the seeder reads back.
export const CREATE_ORGANISATION = `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id } } }`;
export const REGISTER_PERSON = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`;
export const CREATE_COMPOUND = `mutation($input: CreateCompoundInput!) { createCompound(input: $input) { compound { id } } }`;
export const CREATE_GRID = `mutation($input: CreateGridInput!) { createGrid(input: $input) { grid { id } } }`;
export const ASSIGN_GRID_STAFF = `mutation($input: AssignGridStaffInput!) { assignGridStaff(input: $input) { assignment { id } } }`;
export const RECORD_VISIT = `mutation($input: RecordVisitInput!) { recordVisit(input: $input) { visit { id } } }`;
export const CREATE_SERVICE_ITEM = `mutation($input: CreateServiceItemInput!) { createServiceItem(input: $input) { serviceItem { id } } }`;
export const SUBMIT_TICKET = `mutation($input: SubmitTicketInput!) { submitTicket(input: $input) { ticket { id } } }`;
export const DISPATCH_TICKET = `mutation($id: ID!, $assigneeId: ID!) { dispatchTicket(id: $id, assigneeId: $assigneeId) { ticket { id } } }`;
export const ESCALATE_TICKET = `mutation($id: ID!, $reason: String!) { escalateTicket(id: $id, reason: $reason) { ticket { id } } }`;
export const ACCEPT_TICKET = `mutation($id: ID!) { acceptTicket(id: $id) { ticket { id } } }`;
export const RETURN_TICKET = `mutation($id: ID!, $reason: String!) { returnTicket(id: $id, reason: $reason) { ticket { id } } }`;
export const RESOLVE_TICKET = `mutation($id: ID!, $feedback: String!) { resolveTicket(id: $id, feedback: $feedback) { ticket { id } } }`;
export const REOPEN_TICKET = `mutation($id: ID!, $reason: String!) { reopenTicket(id: $id, reason: $reason) { ticket { id } } }`;
export const RATE_TICKET = `mutation($id: ID!, $score: Int!, $comment: String) { rateTicket(id: $id, score: $score, comment: $comment) { ticket { id } } }`;
export const CANCEL_TICKET = `mutation($id: ID!, $reason: String!) { cancelTicket(id: $id, reason: $reason) { ticket { id } } }`;
export const RECORD_INSPECTION = `mutation($input: RecordInspectionInput!) { recordInspection(input: $input) { inspection { id } } }`;
export const FINALISE_ASSESSMENTS = `mutation($scopeId: ID!, $period: String!) { finaliseAssessments(scopeId: $scopeId, period: $period) { finalised } }`;
