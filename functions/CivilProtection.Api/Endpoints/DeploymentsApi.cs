using CivilProtection.Api.Description;
using CivilProtection.Api.Http;
using CivilProtection.Api.Identity;
using CivilProtection.Application.Deployments;
using CivilProtection.Application.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CivilProtection.Api.Endpoints;

/// <summary>
/// Deployments after an offer is accepted: status reports, the requester's extension and release, the assisting
/// side's decision on an extension, and the boards. Each change answers with the request's deployments as the
/// caller may see them.
/// </summary>
public static class DeploymentsApi
{
    /// <summary><c>GET /api/requests/{id}/deployments</c>: the request's deployment board.</summary>
    public static Task<Results<Ok<RequestDeploymentsView>, ProblemHttpResult>> ForRequest(
        HttpContext http, string id, Callers callers, DeploymentBoards boards, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller => TypedResults.Ok(await boards.ForRequestAsync(caller, id, cancellationToken)), cancellationToken);

    /// <summary><c>POST /api/requests/{id}/deployments/{authorityId}/reports</c>: the assisting side reports its teams' status.</summary>
    [ReadsBody(typeof(StatusReportForm))]
    public static Task<Results<Ok<RequestDeploymentsView>, ProblemHttpResult>> Report(
        HttpContext http, string id, string authorityId, Callers callers, DeploymentDesk desk, DeploymentBoards boards, CancellationToken cancellationToken) =>
        ChangeAsync<StatusReportForm>(http, id, callers, boards, (caller, form) => desk.ReportAsync(caller, id, authorityId, form, cancellationToken), cancellationToken);

    /// <summary><c>POST /api/requests/{id}/deployments/{authorityId}/extension</c>: the requester asks to keep the teams longer.</summary>
    [ReadsBody(typeof(ExtensionForm))]
    public static Task<Results<Ok<RequestDeploymentsView>, ProblemHttpResult>> Extend(
        HttpContext http, string id, string authorityId, Callers callers, DeploymentDesk desk, DeploymentBoards boards, CancellationToken cancellationToken) =>
        ChangeAsync<ExtensionForm>(http, id, callers, boards, (caller, form) => desk.AskExtensionAsync(caller, id, authorityId, form, cancellationToken), cancellationToken);

    /// <summary><c>POST /api/requests/{id}/deployments/{authorityId}/extension/decision</c>: the assisting side's approver decides its stage.</summary>
    [ReadsBody(typeof(ExtensionDecisionForm))]
    public static Task<Results<Ok<RequestDeploymentsView>, ProblemHttpResult>> DecideExtension(
        HttpContext http, string id, string authorityId, Callers callers, DeploymentDesk desk, DeploymentBoards boards, CancellationToken cancellationToken) =>
        ChangeAsync<ExtensionDecisionForm>(http, id, callers, boards, (caller, form) => desk.DecideExtensionAsync(caller, id, authorityId, form, cancellationToken), cancellationToken);

    /// <summary><c>POST /api/requests/{id}/deployments/{authorityId}/release</c>: the requester releases the teams.</summary>
    [ReadsBody(typeof(ReleaseForm))]
    public static Task<Results<Ok<RequestDeploymentsView>, ProblemHttpResult>> Release(
        HttpContext http, string id, string authorityId, Callers callers, DeploymentDesk desk, DeploymentBoards boards, CancellationToken cancellationToken) =>
        ChangeAsync<ReleaseForm>(http, id, callers, boards, (caller, form) => desk.ReleaseAsync(caller, id, authorityId, form, cancellationToken), cancellationToken);

    /// <summary><c>POST /api/requests/{id}/after-action</c>: a party writes its after-action note; the request closes once the mission is over.</summary>
    [ReadsBody(typeof(AfterActionForm))]
    public static Task<Results<Ok<RequestDeploymentsView>, ProblemHttpResult>> NoteAfterAction(
        HttpContext http, string id, Callers callers, MissionClosure closure, DeploymentBoards boards, CancellationToken cancellationToken) =>
        ChangeAsync<AfterActionForm>(http, id, callers, boards, (caller, form) => closure.NoteAsync(caller, id, form, cancellationToken), cancellationToken);

    /// <summary><c>GET /api/deployments</c>: the caller's authority's board across its open requests; <c>?format=csv</c> as a CSV file.</summary>
    [ReadsQuery("format", "csv for a CSV file (RFC 4180, UTF-8); JSON otherwise.")]
    public static Task<Results<Results<Ok<IReadOnlyList<DeploymentView>>, FileContentHttpResult>, ProblemHttpResult>> ForAuthority(
        HttpContext http, Callers callers, DeploymentBoards boards, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync<Results<Ok<IReadOnlyList<DeploymentView>>, FileContentHttpResult>>(http, callers, async caller =>
        {
            var csv = ExportFormat.IsCsv(http.Request);
            var board = await boards.ForAuthorityAsync(caller, cancellationToken);
            return csv ? ExportFormat.Csv(Application.Exports.DeploymentsCsv.Write(board), $"deployments-{caller.AuthorityId}.csv") : TypedResults.Ok(board);
        }, cancellationToken);

    /// <summary><c>GET /api/deployments/personnel</c>: the caller's authority's people on mission; <c>?format=csv</c> as a CSV file.</summary>
    [ReadsQuery("format", "csv for a CSV file (RFC 4180, UTF-8); JSON otherwise.")]
    public static Task<Results<Results<Ok<IReadOnlyList<PersonOnMission>>, FileContentHttpResult>, ProblemHttpResult>> Personnel(
        HttpContext http, Callers callers, DeploymentBoards boards, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync<Results<Ok<IReadOnlyList<PersonOnMission>>, FileContentHttpResult>>(http, callers, async caller =>
        {
            var csv = ExportFormat.IsCsv(http.Request);
            var people = await boards.PersonnelAsync(caller, cancellationToken);
            return csv ? ExportFormat.Csv(PersonnelCsv.Write(people), $"personnel-on-mission-{caller.AuthorityId}.csv") : TypedResults.Ok(people);
        }, cancellationToken);

    private static Task<Results<Ok<RequestDeploymentsView>, ProblemHttpResult>> ChangeAsync<TForm>(
        HttpContext http, string id, Callers callers, DeploymentBoards boards, Func<Caller, TForm, Task> change, CancellationToken cancellationToken)
        where TForm : class =>
        Guard.ChangeThenShowAsync(http, callers, change, caller => boards.ForRequestAsync(caller, id, cancellationToken), cancellationToken);
}
