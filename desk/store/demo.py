"""Realistic Chinese demo data, fast enough to fill a million calls for benchmarks."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from faker import Faker
from sqlalchemy import Engine
from sqlmodel import Session, func, select

from desk.config import Settings
from desk.models import (
    Appointment,
    Call,
    Callback,
    Department,
    FollowupSubject,
    Role,
    Staff,
    Visit,
)
from desk.rules.pinyin import initials
from desk.store.demo_bulk import Phases, bulk_insert
from desk.store.demo_calls import (
    OLD_STATUS_POOL,
    RECENT_STATUS_POOL,
    Contact,
    contact,
    make_calls,
)
from desk.store.demo_load import load_calls
from desk.store.staff import hash_pin, sync_departments

DEMO_PIN = "1234"
DEMO_DESK = "demo"
STAFF_NAMES = ("王丽", "李娜", "张敏", "刘洋", "陈静", "杨帆", "赵磊", "黄婷")
DEMO_ADMIN, DEMO_SUPERVISOR = STAFF_NAMES[0], STAFF_NAMES[1]
DEMO_ROLES = {DEMO_ADMIN: Role.ADMIN, DEMO_SUPERVISOR: Role.SUPERVISOR}
"""The demo's staff are receptionists except these, so every screen can be tried."""
TOPICS = {
    "consultation": (
        "咨询{dept}专家门诊的出诊时间",
        "询问体检套餐价格和预约方式",
        "咨询医保报销流程",
        "询问{dept}住院探视时间",
        "咨询检查报告什么时候能取",
    ),
    "complaint": (
        "投诉{dept}候诊时间过长",
        "反映{dept}医生态度生硬",
        "投诉收费处多收费用",
        "反映停车场收费不合理",
        "投诉病房卫生间不干净",
    ),
    "suggestion": ("建议增加周末门诊", "建议{dept}增加自助取号机", "建议食堂增加清淡菜品"),
    "praise": ("表扬{dept}护士耐心细致", "感谢{dept}医生及时救治"),
    "directive": ("上级通知本周五前报送{dept}安全检查情况", "卫健委要求统计本月发热门诊人数"),
    "major_event": ("反映{dept}发生患者跌倒事件", "报告门诊楼停电"),
    "involves_leader": ("要求院长接听，反映{dept}诊疗问题", "来电要求与分管领导面谈"),
    "repair": ("{dept}空调不制冷，请派人维修", "病房呼叫器故障", "{dept}水管漏水"),
    "harassment": ("无关推销电话", "来电无声后挂断"),
    "other": ("询问医院地址和公交路线", "寻找遗失物品", "核实工作人员身份"),
}
VISIT_MATTERS = (
    "到院咨询{dept}就诊流程",
    "来信反映{dept}服务问题",
    "邮件建议优化挂号系统",
    "到访表扬{dept}医护人员",
    "来访投诉检查排队时间长",
)
DIAGNOSES = (
    "高血压",
    "2型糖尿病",
    "肺炎",
    "腰椎间盘突出",
    "冠心病",
    "胆囊结石",
    "骨折术后",
    "甲状腺结节",
)


ORG_KINDS = (
    "{company}",
    "{company}",
    "第一人民医院",
    "中心医院",
    "妇幼保健院",
    "社区卫生服务中心",
    "疾控中心",
    "卫生健康委员会",
    "街道办事处",
    "中学",
    "{company}分公司",
)


def _contacts(fake: Faker, rng: random.Random, orgs: int) -> list[Contact]:
    names = list(dict.fromkeys(fake.name() for _ in range(orgs * 2)))
    # Faker has a few hundred company names; a city in front makes as many as asked for.
    unique: dict[str, None] = dict.fromkeys(fake.company() for _ in range(min(orgs, 200)))
    while len(unique) < orgs:
        unique[f"{fake.city_name()}{rng.choice(ORG_KINDS).format(company=fake.company())}"] = None
    org_names = list(unique)[:orgs]
    contacts = []
    for org in org_names:
        for _ in range(rng.randint(1, 4)):
            name = rng.choice(names)
            number = f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"
            shown = f"{number[:3]} {number[3:7]} {number[7:]}"  # as the forms store it
            contacts.append(contact(org, initials(org), name, initials(name), shown))
    return contacts


def _demo_staff(session: Session) -> list[int]:
    existing = {s.name: s for s in session.exec(select(Staff))}
    pin_hash = hash_pin(DEMO_PIN)
    for name in STAFF_NAMES:
        if name not in existing:
            role = DEMO_ROLES.get(name, Role.RECEPTIONIST)
            staff = Staff(name=name, role=role.value, pin_hash=pin_hash)
            session.add(staff)
            existing[name] = staff
    session.flush()
    return [s.id for s in existing.values() if s.id is not None]


def real_records(session: Session) -> str | None:
    """What the database holds that `desk demo` did not make (staff, calls…), else None.

    A handful of LIMIT 1 queries: cheap even beside a million demo calls."""
    checks = (
        ("staff", select(Staff.id).where(Staff.name.not_in(STAFF_NAMES))),  # type: ignore[attr-defined]
        ("calls", select(Call.id).where(Call.desk != DEMO_DESK)),
        ("visits", select(Visit.id).where(Visit.desk != DEMO_DESK)),
        ("callbacks", select(Callback.id)),
        ("appointments", select(Appointment.id)),
        ("subjects", select(FollowupSubject.id).where(FollowupSubject.import_key.is_not(None))),  # type: ignore[union-attr]
    )
    for kind, query in checks:
        if session.exec(query.limit(1)).first() is not None:
            return kind
    return None


CASE_COLUMNS = (
    "category",
    "department_id",
    "status",
    "is_sales_lead",
    "leadership_told_at",
    "instruction",
    "resolution",
    "resolved_at",
    "fed_back_at",
    "archived_at",
    "desk",
    "created_at",
    "updated_at",
)
VISIT_COLUMNS = (
    "received_at",
    "channel",
    "visitor_name",
    "visitor_initials",
    "org",
    "number_raw",
    "number_e164",
    "matter",
    "received_by_id",
    "priority",
    *CASE_COLUMNS,
)
SUBJECT_COLUMNS = (
    "kind",
    "name",
    "sex",
    "age",
    "phone_raw",
    "phone_e164",
    "address",
    "department_id",
    "doctor",
    "bed",
    "diagnosis",
    "admitted_on",
    "discharged_on",
    "created_at",
    "updated_at",
)


def _case_values(
    rng: random.Random, received: int, now: int, departments: list[int], category: str, desk: str
) -> tuple[Any, ...]:
    """The workflow columns (CASE_COLUMNS order) of a demo visit of that age."""
    # rng.random() with an index is several times cheaper than rng.choice at a million rows.
    rnd = rng.random
    pool = OLD_STATUS_POOL if now - received > 30 * 86400 else RECENT_STATUS_POOL
    status = pool[int(rnd() * len(pool))]
    routed = status != "registered"
    done = status in ("resolved", "fed_back", "archived")
    fed_back = status in ("fed_back", "archived")
    return (
        category,
        departments[int(rnd() * len(departments))] if routed else None,
        status,
        False,
        received + 3600 if routed and category in ("directive", "major_event") else None,
        "请相关科室尽快处理并回复" if done and category == "involves_leader" else None,
        "已处理并答复来电人" if done else None,
        received + 3600 * (1 + int(rnd() * 72)) if done else None,
        received + 3 * 86400 if fed_back else None,
        received + 7 * 86400 if status == "archived" else None,
        desk,
        received,
        received,
    )


def fill_demo(
    engine: Engine,
    *,
    calls: int = 0,
    visits: int = 0,
    subjects: int = 0,
    departments: Sequence[str] = (),
    years: int = 10,
    orgs: int = 2000,
    seed: int = 7,
    now: datetime | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    settings: Settings | None = None,
    phases: Phases | None = None,
) -> dict[str, int]:
    """Add demo staff, departments, calls, visits and follow-up subjects; returns counts.

    With settings, the subjects are also enrolled under the discharge rule, with their tasks.
    Phases, when given, gathers the seconds each step of the calls' load took.
    """
    phases = Phases() if phases is None else phases
    rng = random.Random(seed)
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    now_s = int((now or datetime.now(UTC)).timestamp()) // 60 * 60
    with Session(engine) as session:
        first_subject = (
            1 + session.exec(select(func.coalesce(func.max(FollowupSubject.id), 0))).one()
        )
        staff_ids = _demo_staff(session)
        sync_departments(session, names=departments or ("内科", "外科", "儿科"))
        session.commit()
        dept_rows = list(session.exec(select(Department)))
    dept_ids = [d.id for d in dept_rows if d.id is not None]
    dept_names = [d.name for d in dept_rows]
    with phases("pools"):
        contacts = _contacts(fake, rng, orgs)
    span_minutes = years * 365 * 1440
    span = years * 365
    desk = DEMO_DESK
    topics = {k: [t.format(dept=d) for t in v for d in dept_names] for k, v in TOPICS.items()}
    matters = [t.format(dept=d) for t in VISIT_MATTERS for d in dept_names]

    def report(kind: str, total: int) -> Callable[[int], None] | None:
        return (lambda done: progress(kind, done, total)) if progress else None

    def visit_rows() -> Iterator[tuple[Any, ...]]:
        minutes = sorted((rng.randrange(span_minutes) for _ in range(visits)), reverse=True)
        for i in range(visits):
            contact = rng.choice(contacts)
            received = now_s - minutes[i] * 60
            category = rng.choice(("consultation", "complaint", "suggestion", "praise"))
            yield (
                received,
                rng.choice(("walk_in", "letter", "email")),
                contact.name,
                contact.name_initials,
                contact.org,
                contact.number,
                "+86" + contact.number.replace(" ", ""),
                rng.choice(matters),
                rng.choice(staff_ids),
                rng.choice((2, 3, 3, 4)),
                *_case_values(rng, received, now_s, dept_ids, category, desk),
            )

    def subject_rows() -> Iterator[tuple[Any, ...]]:
        today = datetime.fromtimestamp(now_s, UTC).date()
        addresses = [fake.address() for _ in range(min(subjects, 2000))]
        for _ in range(subjects):
            contact = rng.choice(contacts)
            discharged = today - timedelta(days=rng.randrange(0, 60 if settings is None else span))
            yield (
                "patient",
                contact.name,
                rng.choice(("男", "女")),
                rng.randint(18, 90),
                contact.number,
                "+86" + contact.number.replace(" ", ""),
                rng.choice(addresses),
                rng.choice(dept_ids),
                rng.choice(contacts).name,
                f"{rng.randint(1, 60)}床",
                rng.choice(DIAGNOSES),
                discharged - timedelta(days=rng.randint(2, 20)),
                discharged,
                now_s,
                now_s,
            )

    counts = {"calls": 0}
    if calls:
        with phases("make rows"):
            made = make_calls(
                rng,
                count=calls,
                now_s=now_s,
                span_minutes=span_minutes,
                contacts=contacts,
                staff_ids=staff_ids,
                dept_ids=dept_ids,
                topics=topics,
            )
        counts["calls"] = load_calls(engine, made, progress=report("calls", calls), phases=phases)
        del made
    tables = (
        ("visits", Visit, VISIT_COLUMNS, visit_rows, visits),
        ("subjects", FollowupSubject, SUBJECT_COLUMNS, subject_rows, subjects),
    )
    for key, model, columns, rows, total in tables:
        counts[key] = (
            bulk_insert(engine, model.__table__, columns, rows(), report(key, total))
            if total
            else 0
        )
    if settings is not None and subjects:
        from desk.store.demo_followups import enrol_demo_subjects

        counts["tasks"] = enrol_demo_subjects(
            engine,
            settings=settings,
            first_subject_id=first_subject,
            staff_ids=staff_ids,
            bulk_insert=bulk_insert,
            rng=rng,
            now=datetime.fromtimestamp(now_s, UTC),
            progress=report("tasks", subjects),
        )
    return counts
