using CivilProtection.Api.Description;
using CivilProtection.Api.Http;
using CivilProtection.Api.Identity;
using CivilProtection.Application.Forms;
using CivilProtection.Application.Indexes;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Exports;

namespace CivilProtection.Api.Endpoints;

/// <summary>Requests for assistance: file, read, list, decide, resubmit, cancel.</summary>
public static class RequestsApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private const int MaxIdempotencyKeyLength = 200;

    /// <summary><c>POST /api/requests</c>: 201 with <c>Location</c>; a retry with the same <c>Idempotency-Key</c> returns the first result.</summary>
    [ReadsBody(typeof(RequestForm))]
    public static Task<Results<Created<RequestView>, ProblemHttpResult>> File(
        HttpContext http, Callers callers, RequestIntake intake, RequestQueries queries, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller =>
        {
            var key = http.Request.Headers[IdempotencyKeyHeader].FirstOrDefault();
            if (key is { Length: 0 or > MaxIdempotencyKeyLength })
            {
                throw new FormRejectedException(IdempotencyKeyHeader, key.Length == 0 ? FieldError.Required : FieldError.TooLong(MaxIdempotencyKeyLength));
            }
            var form = await JsonBody.ReadAsync<RequestForm>(http.Request, cancellationToken);
            var filed = await intake.FileAsync(caller, form, key, cancellationToken);
            if (!filed.Created)
            {
                http.Response.Headers["Idempotent-Replayed"] = "true";
            }
            var view = await queries.ShowFiledAsync(caller, filed.Request, filed.Timeline, cancellationToken);
            return TypedResults.Created($"/api/requests/{view.Id}", view);
        }, cancellationToken);

    /// <summary><c>GET /api/requests/{id}</c>: the snapshot, its stages and timeline, and what the caller may do.</summary>
    public static Task<Results<Ok<RequestView>, ProblemHttpResult>> Get(
        HttpContext http, string id, Callers callers, RequestQueries queries, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller => TypedResults.Ok(await queries.GetAsync(caller, id, cancellationToken)), cancellationToken);

    /// <summary>
    /// <c>GET /api/requests?status=…&amp;pageSize=…</c>: a page of the requests the caller's authority is party to, newest
    /// filing first, filtered on the server; <c>Link: &lt;…&gt;; rel="next"</c> while more follow.
    /// </summary>
    [ReadsQuery("pageSize", "1 to 100 items; default 50.")]
    [ReadsQuery("status", "One or more request statuses, repeated or comma-separated.")]
    [ReadsQuery("urgency", "life-safety, urgent or routine.")]
    [ReadsQuery("incidentType", "An incident type of the catalogue.")]
    [ReadsQuery("party", "An authority the request concerns: requester, assisting authority or partner asked.")]
    [ReadsQuery("filedFrom", "Filed at or after: a date (UTC midnight) or an ISO 8601 time with its offset.")]
    [ReadsQuery("filedBefore", "Filed strictly before: a date (UTC midnight) or an ISO 8601 time with its offset.")]
    [ReadsQuery("reference", "A reference prefix, any case.")]
    [ReadsQuery(ListPaging.ContinuationParameter, "The next page's token, as the Link header gave it.")]
    [ReadsQuery("format", "csv for every request the filters select as a CSV file (RFC 4180, UTF-8; at most 10,000, paging ignored); JSON pages otherwise.")]
    [LinksNextPage]
    public static Task<Results<Results<Ok<IReadOnlyList<RequestListEntry>>, FileContentHttpResult>, ProblemHttpResult>> List(
        HttpContext http, Callers callers, RequestQueries queries, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync<Results<Ok<IReadOnlyList<RequestListEntry>>, FileContentHttpResult>>(http, callers, async caller =>
        {
            var query = http.Request.Query;
            var csv = ExportFormat.IsCsv(http.Request);
            var form = new RequestListForm(
                query["status"].OfType<string>().ToList(), One(query, "urgency"), One(query, "incidentType"), One(query, "party"),
                One(query, "filedFrom"), One(query, "filedBefore"), One(query, "reference"), One(query, "pageSize"), One(query, ListPaging.ContinuationParameter));
            if (csv)
            {
                return ExportFormat.Csv(RequestsCsv.Write(await queries.ExportAsync(caller, form, cancellationToken)), $"requests-{caller.AuthorityId}.csv");
            }
            var (entries, continuation) = await queries.ListAsync(caller, form, cancellationToken);
            ListPaging.LinkNext(http, continuation);
            return TypedResults.Ok(entries);
        }, cancellationToken);

    private static string? One(IQueryCollection query, string name) => query[name].FirstOrDefault();

    /// <summary><c>POST /api/requests/{id}/decisions</c>: approve, reject or return the current stage.</summary>
    [ReadsBody(typeof(DecisionForm))]
    public static Task<Results<Ok<RequestView>, ProblemHttpResult>> Decide(
        HttpContext http, string id, Callers callers, RequestLifecycle lifecycle, RequestQueries queries, CancellationToken cancellationToken) =>
        Guard.ChangeThenShowAsync<DecisionForm>(http, id, callers, queries, (caller, form) => lifecycle.DecideAsync(caller, id, form, cancellationToken), cancellationToken);

    /// <summary><c>POST /api/requests/{id}/resubmission</c>: the amended request goes back to the stage that returned it.</summary>
    [ReadsBody(typeof(ResubmissionForm))]
    public static Task<Results<Ok<RequestView>, ProblemHttpResult>> Resubmit(
        HttpContext http, string id, Callers callers, RequestLifecycle lifecycle, RequestQueries queries, CancellationToken cancellationToken) =>
        Guard.ChangeThenShowAsync<ResubmissionForm>(http, id, callers, queries, (caller, form) => lifecycle.ResubmitAsync(caller, id, form, cancellationToken), cancellationToken);

    /// <summary><c>POST /api/requests/{id}/cancellation</c>: the requester withdraws the request.</summary>
    [ReadsBody(typeof(CancellationForm))]
    public static Task<Results<Ok<RequestView>, ProblemHttpResult>> Cancel(
        HttpContext http, string id, Callers callers, RequestLifecycle lifecycle, RequestQueries queries, CancellationToken cancellationToken) =>
        Guard.ChangeThenShowAsync<CancellationForm>(http, id, callers, queries, (caller, form) => lifecycle.CancelAsync(caller, id, form, cancellationToken), cancellationToken);

    /// <summary><c>GET /api/approvals?pageSize=…</c>: a page of the caller's inbox, most urgent first, then oldest; <c>Link</c> to the next.</summary>
    [ReadsQuery("pageSize", "1 to 100 items; default 50.")]
    [ReadsQuery(ListPaging.ContinuationParameter, "The next page's token, as the Link header gave it.")]
    [LinksNextPage]
    public static Task<Results<Ok<IReadOnlyList<InboxEntry>>, ProblemHttpResult>> Inbox(
        HttpContext http, Callers callers, RequestQueries queries, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller =>
        {
            var (entries, continuation) = await queries.InboxAsync(
                caller, One(http.Request.Query, "pageSize"), One(http.Request.Query, ListPaging.ContinuationParameter), cancellationToken);
            ListPaging.LinkNext(http, continuation);
            return TypedResults.Ok(entries);
        }, cancellationToken);
}
