from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.home, name="home"),
    path("children/", views.child_list, name="children"),
    path("children/<int:pk>/", views.child_detail, name="child"),
    path("children/<int:pk>/edit/", views.child_edit, name="child_edit"),
    path("children/<int:pk>/family/add/", views.link_add, name="link_add"),
    path("children/<int:pk>/family/<int:link_id>/", views.link_edit, name="link_edit"),
    path("children/<int:pk>/needs/add/", views.need_edit, name="need_add"),
    path("children/<int:pk>/needs/<int:need_id>/", views.need_edit, name="need_edit"),
    path("children/<int:pk>/audit/", views.child_audit, name="child_audit"),
    path("settings/<int:pk>/children/new/", views.child_create, name="child_create"),
    path("settings/<int:pk>/contacts/", views.setting_contacts, name="setting_contacts"),
    path("staff/<int:pk>/photo/", views.staff_photo, name="staff_photo"),
    path("families/", views.adult_list, name="adults"),
    path("families/<int:pk>/", views.adult_edit, name="adult_edit"),
    path("families/<int:pk>/invite/", views.adult_invite, name="adult_invite"),
    path("invitation/accept/", views.accept_invitation, name="accept_invitation_form"),
    path("invitation/<str:token>/", views.invitation_link, name="accept_invitation"),
]
