"""A small, known set of records for export, backup and report tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Engine

from desk.models import (
    Appointment,
    Call,
    Callback,
    Department,
    FollowupAttempt,
    FollowupEnrollment,
    FollowupSubject,
    FollowupTask,
    Staff,
    Visit,
)
from desk.store.engine import session_scope

T0 = datetime(2026, 11, 24, 1, 5, tzinfo=UTC)  # 09:05 in Asia/Shanghai


def fill_sample(engine: Engine) -> dict[str, int]:
    """Two departments, one staff member, three calls, two visits, an appointment, a
    follow-up task with a reached attempt, and a callback; returns their ids."""
    with session_scope(engine) as session:
        medicine, surgery = Department(name="内科"), Department(name="外科")
        staff = Staff(name="王丽", role="admin")
        session.add_all([medicine, surgery, staff])
        session.flush()
        calls = [
            Call(
                received_at=T0,
                org='=HYPERLINK("x")',
                caller="张三",
                content="投诉候诊时间过长",
                number_raw="13812345678",
                number_e164="+8613812345678",
                recorder_id=staff.id,
                priority=1,
                category="complaint",
                department_id=medicine.id,
                status="routed",
                created_at=T0,
                updated_at=T0,
            ),
            Call(
                received_at=datetime(2026, 11, 23, 17, 30, tzinfo=UTC),
                org="@SUM(A1)",
                caller="欧阳娜娜",
                content="-2+3 咨询体检",
                number_raw="0931-8942000",
                recorder_id=staff.id,
                priority=3,
                category="consultation",
                department_id=surgery.id,
                status="archived",
                created_at=T0,
                updated_at=T0,
            ),
            Call(
                received_at=datetime(2026, 10, 31, 16, 0, tzinfo=UTC),
                org="\t制表符单位",
                caller="李四",
                content='带"引号",逗号\n换行',
                number_raw="+86 139 0000 1111",
                recorder_id=staff.id,
                priority=2,
                category="complaint",
                department_id=medicine.id,
                status="registered",
                created_at=T0,
                updated_at=T0,
            ),
        ]
        visits = [
            Visit(
                received_at=T0,
                channel="letter",
                visitor_name="赵六",
                number_raw="13700001234",
                matter="来信建议",
                received_by_id=staff.id,
                category="suggestion",
                department_id=surgery.id,
                status="registered",
                created_at=T0,
                updated_at=T0,
            ),
            Visit(
                received_at=datetime(2026, 11, 2, 2, 0, tzinfo=UTC),
                visitor_name="钱七",
                matter="投诉收费",
                received_by_id=staff.id,
                category="complaint",
                department_id=medicine.id,
                status="fed_back",
                created_at=T0,
                updated_at=T0,
            ),
        ]
        session.add_all(calls + visits)
        session.flush()
        session.add(
            Appointment(
                visit_id=visits[0].id,
                person_name="赵六",
                number_raw="13700001234",
                department_id=surgery.id,
                service="体检",
                expert="孙医生",
                starts_at=datetime(2026, 11, 25, 1, 0, tzinfo=UTC),
                ends_at=datetime(2026, 11, 25, 1, 30, tzinfo=UTC),
                created_at=T0,
                updated_at=T0,
            )
        )
        subject = FollowupSubject(
            name="周八", phone_raw="13600002222", department_id=medicine.id, updated_at=T0
        )
        session.add(subject)
        session.flush()
        enrollment = FollowupEnrollment(subject_id=subject.id, rule_name="discharge")
        session.add(enrollment)
        session.flush()
        task = FollowupTask(
            enrollment_id=enrollment.id,
            subject_id=subject.id,
            rule_name="discharge",
            department_id=medicine.id,
            due_on=date(2026, 11, 24),
            due_at=T0,
            next_try_at=T0,
            updated_at=T0,
        )
        session.add(task)
        session.flush()
        session.add(
            FollowupAttempt(
                task_id=task.id,
                at=datetime(2026, 11, 10, 2, 0, tzinfo=UTC),
                result="reached",
                satisfaction=4,
                opinions="希望增加停车位",
            )
        )
        session.add(Callback(call_id=calls[0].id, due_at=T0))
        return {"staff": staff.id, "call": calls[0].id, "task": task.id}
