def username_from_request(request, credentials):
    """The account name django-axes counts failures against, case-folded."""
    source = credentials or request.POST
    return (source.get("username") or "").strip().lower() or None
