// One schema for both backends, portable types only (see CRATES.md).

diesel::table! {
    users (id) {
        id -> Text,
        role -> Text,
        scope -> Nullable<Text>,
        phone -> Nullable<Text>,
        email -> Nullable<Text>,
        password_hash -> Nullable<Text>,
        full_name -> Nullable<Text>,
        birth_date -> Nullable<Date>,
        home_province -> Nullable<Text>,
        home_district -> Nullable<Text>,
        language -> Text,
        time_zone -> Text,
        sms_opt_in -> Bool,
        disabled -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Text,
        user_id -> Text,
        family_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    outbound_messages (id) {
        id -> Text,
        recipient -> Text,
        body -> Text,
        language -> Text,
        kind -> Text,
        idempotency_key -> Text,
        state -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        expires_at -> Nullable<Timestamp>,
        claimed_until -> Nullable<Timestamp>,
        claim_token -> Nullable<Text>,
        provider -> Nullable<Text>,
        provider_message_id -> Nullable<Text>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        encoding -> Text,
        segments -> Integer,
    }
}

diesel::table! {
    centres (id) {
        id -> Text,
        code -> Text,
        name_vi -> Text,
        name_zh -> Text,
        zone -> Text,
        address -> Text,
        phone -> Text,
        hours -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(refresh_tokens -> users (user_id));

diesel::table! {
    employers (id) {
        id -> Text,
        name_zh -> Text,
        name_vi -> Nullable<Text>,
        credit_code -> Text,
        zone -> Text,
        contact_name -> Nullable<Text>,
        contact_phone -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    employments (id) {
        id -> Text,
        worker_id -> Text,
        employer_id -> Text,
        start_on -> Date,
        end_on -> Nullable<Date>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    papers (id) {
        id -> Text,
        kind -> Text,
        number -> Text,
        authority -> Text,
        issued_on -> Date,
        valid_from -> Date,
        expires_on -> Date,
        state -> Text,
        renewals -> Integer,
        series_start -> Date,
        worker_id -> Nullable<Text>,
        employer_id -> Nullable<Text>,
        zone -> Text,
        entered_on -> Nullable<Date>,
        supersedes_id -> Nullable<Text>,
        revoked_reason -> Nullable<Text>,
        recorded_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Text,
        actor_id -> Text,
        actor_role -> Text,
        action -> Text,
        subject_type -> Text,
        subject_id -> Text,
        before_json -> Nullable<Text>,
        after_json -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(employments -> employers (employer_id));
diesel::joinable!(reminders -> papers (paper_id));

diesel::table! {
    renewal_applications (id) {
        id -> Text,
        worker_id -> Text,
        centre_id -> Text,
        kinds -> Text,
        state -> Text,
        pickup_on -> Nullable<Date>,
        reason -> Nullable<Text>,
        note -> Nullable<Text>,
        decided_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    inbound_messages (id) {
        id -> Text,
        provider -> Text,
        provider_message_id -> Text,
        sender -> Text,
        body -> Text,
        command -> Nullable<Text>,
        received_at -> Timestamp,
    }
}

diesel::table! {
    sms_opt_outs (phone) {
        phone -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    reminders (id) {
        id -> Text,
        paper_id -> Text,
        worker_id -> Text,
        expires_on -> Date,
        offset_days -> Integer,
        due_at -> Timestamp,
        state -> Text,
        outbox_id -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    guidance_revisions (id) {
        id -> Text,
        topic -> Text,
        language -> Text,
        revision -> Integer,
        title -> Text,
        sms -> Text,
        body -> Text,
        author_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    agencies (id) {
        id -> Text,
        licence_number -> Text,
        name_vi -> Text,
        name_zh -> Text,
        search_text -> Text,
        country -> Text,
        province -> Text,
        activities -> Text,
        valid_until -> Date,
        state -> Text,
        source -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    abuse_reports (id) {
        id -> Text,
        seq -> BigInt,
        case_number -> Text,
        category -> Text,
        details -> Text,
        named_party -> Nullable<Text>,
        agency_id -> Nullable<Text>,
        place -> Nullable<Text>,
        zone -> Nullable<Text>,
        happened_on -> Nullable<Date>,
        channel -> Text,
        reporter_id -> Nullable<Text>,
        reporter_phone -> Nullable<Text>,
        secret_hash -> Nullable<Text>,
        language -> Text,
        state -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    report_events (id) {
        id -> Text,
        report_id -> Text,
        actor_id -> Text,
        from_state -> Text,
        to_state -> Text,
        note -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    skills (code) {
        code -> Text,
        label_vi -> Text,
        label_zh -> Text,
        label_en -> Text,
    }
}

diesel::table! {
    job_profiles (user_id) {
        user_id -> Text,
        skills -> Text,
        zones -> Text,
        min_wage -> Nullable<Integer>,
        available_from -> Nullable<Date>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    vacancies (id) {
        id -> Text,
        code -> Text,
        centre_id -> Nullable<Text>,
        employer_id -> Nullable<Text>,
        posted_by -> Text,
        title_vi -> Text,
        title_zh -> Text,
        description_vi -> Text,
        description_zh -> Text,
        search_text -> Text,
        zone -> Text,
        workplace -> Text,
        wage_min -> Integer,
        wage_max -> Integer,
        headcount -> Integer,
        skills -> Text,
        start_on -> Date,
        end_on -> Nullable<Date>,
        housing -> Bool,
        meals -> Bool,
        hours -> Text,
        contact -> Text,
        state -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    vacancy_skills (vacancy_id, skill) {
        vacancy_id -> Text,
        skill -> Text,
    }
}

diesel::table! {
    job_applications (id) {
        id -> Text,
        vacancy_id -> Text,
        worker_id -> Text,
        state -> Text,
        channel -> Text,
        reason -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    skills,
    job_profiles,
    vacancies,
    vacancy_skills,
    job_applications,
    guidance_revisions,
    agencies,
    abuse_reports,
    report_events,
    reminders,
    sms_opt_outs,
    inbound_messages,
    users,
    refresh_tokens,
    outbound_messages,
    centres,
    employers,
    employments,
    papers,
    audit_log,
    renewal_applications,
);
