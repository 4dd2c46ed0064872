"""The strategy and action plan (namespace "strategy", mounted at /plan/)."""

from django.urls import path

from awaz.strategy.views import (
    actions,
    centres,
    issues,
    measures,
    meetings,
    plan,
    projects,
    quarterly,
)

app_name = "strategy"

urlpatterns = [
    path("", plan.plan_home, name="plan"),
    path("new/", plan.strategy_create_view, name="strategy_create"),
    path("<int:strategy_id>/", plan.strategy_overview, name="strategy_overview"),
    path("<int:strategy_id>/edit/", plan.strategy_edit_view, name="strategy_edit"),
    path("<int:strategy_id>/strands/new/", plan.strand_add_view, name="strand_add"),
    path("strands/<int:strand_id>/edit/", plan.strand_edit_view, name="strand_edit"),
    path("<int:strategy_id>/objectives/new/", plan.objective_add_view, name="objective_add"),
    path("objectives/<int:objective_id>/edit/", plan.objective_edit_view, name="objective_edit"),
    # Actions, milestones, RAG statuses and progress updates.
    path("<int:strategy_id>/actions/new/", actions.action_create_view, name="action_create"),
    path("actions/<int:action_id>/", actions.action_detail, name="action_detail"),
    path("actions/<int:action_id>/edit/", actions.action_edit_view, name="action_edit"),
    path("actions/<int:action_id>/status/", actions.rag_change_view, name="rag_change"),
    path(
        "actions/<int:action_id>/updates/new/",
        actions.progress_update_view,
        name="progress_update",
    ),
    path(
        "actions/<int:action_id>/milestones/new/",
        actions.milestone_add_view,
        name="milestone_add",
    ),
    path("milestones/<int:milestone_id>/edit/", actions.milestone_edit_view, name="milestone_edit"),
    path(
        "milestones/<int:milestone_id>/reached/",
        actions.milestone_done_view,
        name="milestone_done",
    ),
    path(
        "milestones/<int:milestone_id>/not-reached/",
        actions.milestone_reopen_view,
        name="milestone_reopen",
    ),
    path("evidence/<int:file_id>/", actions.evidence_download, name="evidence_download"),
    # Delivery projects.
    path("<int:strategy_id>/projects/", projects.project_list_view, name="project_list"),
    path("<int:strategy_id>/projects/new/", projects.project_create_view, name="project_create"),
    path("projects/<int:project_id>/", projects.project_detail_view, name="project_detail"),
    path("projects/<int:project_id>/edit/", projects.project_edit_view, name="project_edit"),
    # Reporting-centre register (strand 2): centres are addressed by their organisation.
    path("centres/", centres.centre_list_view, name="centre_list"),
    path("centres/<int:organisation_id>/", centres.centre_detail_view, name="centre_detail"),
    path("centres/<int:organisation_id>/edit/", centres.centre_edit_view, name="centre_edit"),
    path("centres/<int:organisation_id>/verify/", centres.centre_verify_view, name="centre_verify"),
    path(
        "centres/<int:organisation_id>/training/new/",
        centres.centre_training_add_view,
        name="centre_training_add",
    ),
    # Performance measures (strand 4).
    path("measures/", measures.measures_home, name="measures"),
    path("<int:strategy_id>/measures/", measures.measure_list_view, name="measure_list"),
    path("<int:strategy_id>/measures.csv", measures.measures_csv, name="measures_csv"),
    path("<int:strategy_id>/measures/new/", measures.measure_create_view, name="measure_create"),
    path("measures/<int:measure_id>/", measures.measure_detail_view, name="measure_detail"),
    path("measures/<int:measure_id>/edit/", measures.measure_edit_view, name="measure_edit"),
    path("measures/<int:measure_id>/enter/", measures.measure_enter_view, name="measure_enter"),
    path("measures/<int:measure_id>/series.csv", measures.measure_csv, name="measure_csv"),
    # Meetings and escalations: meetings with agendas, minutes and actions arising; the issue
    # log. "meeting_next" is the next meeting's agenda (of the current strategy).
    path("meetings/", meetings.meetings_home, name="meetings"),
    path("meetings/next/", meetings.meeting_next_view, name="meeting_next"),
    path("<int:strategy_id>/meetings/", meetings.meeting_list_view, name="meeting_list"),
    path("<int:strategy_id>/meetings/new/", meetings.meeting_create_view, name="meeting_create"),
    path("meetings/<int:meeting_id>/", meetings.meeting_detail_view, name="meeting_detail"),
    path("meetings/<int:meeting_id>/edit/", meetings.meeting_edit_view, name="meeting_edit"),
    path(
        "meetings/<int:meeting_id>/agenda/build/",
        meetings.meeting_agenda_build_view,
        name="meeting_agenda_build",
    ),
    path(
        "meetings/<int:meeting_id>/agenda/new/",
        meetings.agenda_item_add_view,
        name="agenda_item_add",
    ),
    path(
        "agenda-items/<int:item_id>/remove/",
        meetings.agenda_item_remove_view,
        name="agenda_item_remove",
    ),
    path(
        "agenda-items/<int:item_id>/move/", meetings.agenda_item_move_view, name="agenda_item_move"
    ),
    path(
        "meetings/<int:meeting_id>/minutes/", meetings.meeting_minutes_view, name="meeting_minutes"
    ),
    path(
        "meetings/<int:meeting_id>/actions/new/",
        meetings.meeting_action_add_view,
        name="meeting_action_add",
    ),
    path("issues/", issues.issues_home, name="issues"),
    path("<int:strategy_id>/issues/", issues.issue_list_view, name="issue_list"),
    path("<int:strategy_id>/issues/new/", issues.issue_raise_view, name="issue_raise"),
    path("issues/<int:issue_id>/", issues.issue_detail_view, name="issue_detail"),
    path("issues/<int:issue_id>/edit/", issues.issue_edit_view, name="issue_edit"),
    path("issues/<int:issue_id>/discussed/", issues.issue_discuss_view, name="issue_discuss"),
    path("issues/<int:issue_id>/escalate/", issues.issue_escalate_view, name="issue_escalate"),
    path("issues/<int:issue_id>/conclude/", issues.issue_conclude_view, name="issue_conclude"),
    path("issues/<int:issue_id>/owner/", issues.issue_owner_view, name="issue_owner"),
    path("issues/<int:issue_id>/notes/new/", issues.issue_note_view, name="issue_note"),
    # Quarterly reports: the current strategy's (or another's) reports, asking for one, a
    # report's progress and its PDF and XLSX.
    path("reports/", quarterly.quarterly_list, name="quarterly_list"),
    path("<int:strategy_id>/reports/", quarterly.quarterly_list_for, name="quarterly_list_for"),
    path("<int:strategy_id>/reports/new/", quarterly.quarterly_generate, name="quarterly_generate"),
    path("reports/<int:report_id>/", quarterly.quarterly_detail, name="quarterly_detail"),
    path(
        "reports/<int:report_id>/pdf/",
        quarterly.quarterly_download,
        {"file_format": "pdf"},
        name="quarterly_pdf",
    ),
    path(
        "reports/<int:report_id>/xlsx/",
        quarterly.quarterly_download,
        {"file_format": "xlsx"},
        name="quarterly_xlsx",
    ),
]
